namespace Lens.Core.Gates;

public static class GateNames
{
    public const string ErrorRate = "error_rate";
    public const string P99Latency = "p99_latency";
    public const string P99ToP95 = "p99_p95_ratio";
    public const string ResultsPerQuery = "results_per_query";
    public const string P95VsBaseline = "p95_vs_baseline";
    public const string ErrorRateVsBaseline = "error_rate_vs_baseline";
}
