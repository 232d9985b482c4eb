using Microsoft.Extensions.Configuration.Memory;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// What the demo brings when it is on: its own search as the endpoint of the sentinel and of benches, and its pinned
/// bench data. These are configuration at the lowest precedence, so anything set anywhere else wins, and with the demo
/// off none of it exists: a Development app without the demo must not probe a demo search that is not there.
/// </summary>
public static class DemoDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Sentinel:Endpoint"] = "/api/demo/search?q={query}",
        ["Sentinel:Probes:cusum:Query"] = "CusumDetector",
        ["Sentinel:Probes:cusum:AnchorFile"] = "CusumDetector.cs",
        ["Bench:BaselineEndpoint"] = "/api/demo/search?q={query}&variant=baseline",
        ["Bench:CandidateEndpoint"] = "/api/demo/search?q={query}&variant=candidate&release={version}",
        ["Bench:Dataset:Queries"] = "BenchData/demo/final.queries.tsv",
        ["Bench:Dataset:Qrels"] = "BenchData/demo/final.qrels",
        // The demo's service times are random draws, and two 20-query p95s differ by chance by more than 10%.
        ["Bench:Gates:MaxP95Increase"] = "0.5",
        ["Nightly:Slices:types:Queries"] = "BenchData/demo/types.queries.tsv",
        ["Nightly:Slices:types:Qrels"] = "BenchData/demo/types.qrels",
        ["Nightly:Slices:members:Queries"] = "BenchData/demo/members.queries.tsv",
        ["Nightly:Slices:members:Qrels"] = "BenchData/demo/members.qrels",
    };

    public static void AddTo(ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Settings });
}
