using BenchmarkDotNet.Attributes;
using Lens.Core.Metrics;
using Lens.Core.Statistics;

namespace Lens.Benchmarks;

/// <summary>
/// Judging one stage window: a million latencies per variant, as the window keeps them (one LatencyHistogram each), with
/// U, p, both effect sizes, the Hodges–Lehmann interval and the bounds on what exact latencies could give. The budget is
/// 100 ms. The same judgement on the raw latencies is measured alongside to show what the histograms save.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
public class WindowJudgementBenchmarks
{
    private const int LatenciesPerVariant = 1_000_000;

    private readonly LatencyHistogram _baseline = new();
    private readonly LatencyHistogram _candidate = new();
    private double[] _baselineLatencies = [];
    private double[] _candidateLatencies = [];

    [GlobalSetup]
    public void RecordTheWindow()
    {
        // Log-normal latencies around 120 ms (σ = 0.6 in log terms); the candidate is 2% slower.
        var random = new Random(20261208);
        _baselineLatencies = LogNormal(random, 120, 0.6);
        _candidateLatencies = LogNormal(random, 120 * 1.02, 0.6);
        foreach (var latency in _baselineLatencies) _baseline.Record(latency);
        foreach (var latency in _candidateLatencies) _candidate.Record(latency);
    }

    [Benchmark(Baseline = true)]
    public HistogramMannWhitneyResult? JudgeWindowFromHistograms() => HistogramMannWhitney.Compare(_baseline, _candidate);

    [Benchmark]
    public MannWhitneyResult JudgeExactLatencies() => MannWhitneyTest.Compare(_baselineLatencies, _candidateLatencies);

    private static double[] LogNormal(Random random, double median, double sigma)
    {
        var values = new double[LatenciesPerVariant];
        for (var i = 0; i < values.Length; i++)
        {
            // Box–Muller: one standard normal from two uniforms.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = median * Math.Exp(sigma * z);
        }
        return values;
    }
}
