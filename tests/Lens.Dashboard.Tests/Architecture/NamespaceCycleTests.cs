namespace Lens.Dashboard.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(Program).Assembly.Location);

    [Fact]
    public void Dashboard_FeaturesAndLayers_FormNoCycle()
    {
        var cycles = Graph.Cycles();

        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Select(Explain)));
    }

    [Fact]
    public void Graph_KnownDependency_IsSeen()
    {
        // The analysis itself must see real edges, or the cycle test above would pass on an empty graph.
        Assert.Contains("Persistence", Graph.Uses["Features.Rollouts"]);
        Assert.True(Graph.Uses.Count >= 10);
    }

    private static string Explain(IReadOnlyList<string> cycle) =>
        string.Join(" ", cycle) + ":\n" + string.Join("\n", Graph.Evidence
            .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
            .Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}"));
}
