using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Demo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>The demo's results-per-query gate: its healthy search passes it, a capped candidate does not.</summary>
public sealed class DemoResultsPerQueryTests
{
    private readonly DemoCorpus _corpus = new();
    private readonly DemoFaults _faults = new();
    private readonly DemoSearchService _search;

    public DemoResultsPerQueryTests() => _search = new DemoSearchService(_corpus, _faults);

    // Stages() reads only the options and the search; the rest serve the running director.
    private DemoRolloutDirector Director() => new(Options.Create(new DemoOptions()), null!, null!, _faults, _search, null!, null!,
        TimeProvider.System, null!, NullLogger<DemoRolloutDirector>.Instance);

    /// <summary>A window of the candidate's answers to queries drawn as the traffic generator draws them.</summary>
    private async Task<WindowMetrics> CandidateWindowAsync(int queries, int seed)
    {
        var random = new Random(seed);
        var terms = Enumerable.Range(0, queries).Select(_ => _corpus.Terms[random.Next(_corpus.Terms.Count)]).ToArray();
        var answers = await Task.WhenAll(terms.Select((t, i) => _search.SearchAsync(Variant.Candidate, t, new Random(seed + i), TestContext.Current.CancellationToken)));
        var window = new VariantAccumulator();
        foreach (var a in answers) window.Add(LatencyHistogram.BucketOf(20), a.Ok, a.Ok ? a.Hits.Count : VariantAccumulator.NoResultCount);
        return new WindowMetrics(VariantMetrics.Empty, window.ToMetrics());
    }

    [Fact]
    public void Stages_Demo_TargetTheHealthySearchsMeanWithTheGuidesDrift()
    {
        var expected = _search.ExpectedResultsPerQuery();

        var stages = Director().Stages();

        Assert.Empty(StagePlan.Validate(stages));
        Assert.All(stages, s => Assert.Equal((Math.Round(expected, 1), 1.0), (s.Gates.TargetResultsPerQuery!.Value, s.Gates.MaxResultsPerQueryDrift!.Value)));
        Assert.InRange(expected, 1, 10); // the corpus is non-trivial: some terms find several files, none more than ten
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SearchAsync_HealthyCandidate_PassesTheDemoGate(int seed)
    {
        var gates = Director().Stages()[0].Gates;

        var verdict = GateEvaluator.Evaluate(gates, await CandidateWindowAsync(gates.MinSamples * 2, seed)).Single(v => v.Gate == GateNames.ResultsPerQuery);

        Assert.Equal(Verdict.Pass, verdict.Verdict);
    }

    [Fact]
    public async Task SearchAsync_CandidateCappedAtOneResult_FailsTheDemoGate()
    {
        var gates = Director().Stages()[0].Gates;
        _faults.Set(0, 0, maxResults: 1);

        var verdict = GateEvaluator.Evaluate(gates, await CandidateWindowAsync(gates.MinSamples, 1)).Single(v => v.Gate == GateNames.ResultsPerQuery);

        Assert.Equal((Verdict.Fail, 1.0), (verdict.Verdict, verdict.Value));
    }
}
