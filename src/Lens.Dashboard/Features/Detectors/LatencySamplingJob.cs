using Lens.Dashboard.Features.Metrics;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>
/// Feeds the p95 latency detector from ingest. The value is the request-weighted mean of the 5-second buckets'
/// p95 over the last sample interval, across every flag and both variants: buckets keep percentiles, not
/// histograms, so this is the closest honest summary of "p95 over the last minute" they allow.
/// </summary>
[DisallowConcurrentExecution]
public sealed class LatencySamplingJob(LiveMetrics metrics, DetectorService detectors, TimeProvider clock, IOptions<DetectorOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await SampleAsync(cancellationToken);

    public async Task<double?> SampleAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - options.Value.LatencySampleInterval;
        double weighted = 0;
        long requests = 0;
        foreach (var flag in metrics.All)
            foreach (var point in flag.Series(since))
                foreach (var variant in new[] { point.Baseline, point.Candidate })
                    if (variant is { Requests: > 0, P95Ms: { } p95 })
                    {
                        weighted += p95 * variant.Requests;
                        requests += variant.Requests;
                    }
        if (requests == 0) return null;
        var value = weighted / requests;
        await detectors.ObserveAsync(DetectorOptions.LatencyMetric, value, ct);
        return value;
    }
}
