namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The demo search as both bench endpoints, over the demo's pinned query sets shipped next to the dashboard binary.
/// </summary>
public static class ReleaseQualitySettings
{
    public static Dictionary<string, string> DemoBench()
    {
        var data = Path.Combine(Path.GetDirectoryName(DashboardProcess.BinaryPath)!, "BenchData", "demo");
        return new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Bench__BaselineEndpoint"] = "/api/demo/search?q={query}&variant=baseline",
            ["Bench__CandidateEndpoint"] = "/api/demo/search?q={query}&variant=candidate&release={version}",
            ["Bench__Dataset__Queries"] = Path.Combine(data, "final.queries.tsv"),
            ["Bench__Dataset__Qrels"] = Path.Combine(data, "final.qrels"),
            ["Nightly__Slices__types__Queries"] = Path.Combine(data, "types.queries.tsv"),
            ["Nightly__Slices__types__Qrels"] = Path.Combine(data, "types.qrels"),
            ["Nightly__Slices__members__Queries"] = Path.Combine(data, "members.queries.tsv"),
            ["Nightly__Slices__members__Qrels"] = Path.Combine(data, "members.qrels"),
            // The demo's service times are random draws; ten-query p95s of two such draws differ by chance. The
            // latency gates are tested against a controlled service in the integration tests, not here.
            ["Bench__Gates__MaxP95Increase"] = "100",
            ["Bench__Gates__MaxTailRatio"] = "1000",
            // A real process on a real clock sees one night; three nights are tested on a fake clock.
            ["SignOff__RequiredNights"] = "1",
        };
    }
}
