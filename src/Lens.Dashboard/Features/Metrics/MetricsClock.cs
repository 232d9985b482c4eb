namespace Lens.Dashboard.Features.Metrics;

/// <summary>Where events land in time: fixed buckets of <see cref="BucketSeconds"/>, keyed by their Unix start second.</summary>
public static class MetricsClock
{
    public const int BucketSeconds = 5;

    public static long BucketOf(DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        return seconds - (((seconds % BucketSeconds) + BucketSeconds) % BucketSeconds);
    }

    public static DateTimeOffset StartOf(long bucket) => DateTimeOffset.FromUnixTimeSeconds(bucket);
}
