using Lens.Core.Metrics;

namespace Lens.Core.Tests.Metrics;

public sealed class VariantAccumulatorTests
{
    private static VariantAccumulator Of(params int[] resultCounts)
    {
        var acc = new VariantAccumulator();
        foreach (var count in resultCounts) acc.Add(LatencyHistogram.BucketOf(20), ok: true, count);
        return acc;
    }

    // result counts per request (-1: none reported) -> requests, result samples, total results, mean results per query
    [Theory]
    [InlineData(new[] { 5, 7, 9 }, 3, 3, 21, 7.0)]
    [InlineData(new[] { 5, -1, 9, -1 }, 4, 2, 14, 7.0)]       // requests without a count do not pull the mean down
    [InlineData(new[] { 0, 0, 3 }, 3, 3, 3, 1.0)]             // zero results is a count
    [InlineData(new[] { -1, -1 }, 2, 0, 0, null)]             // nobody reported: no mean, not zero
    [InlineData(new int[0], 0, 0, 0, null)]
    public void Add_Requests_CountsOnlyTheResultCountsGiven(int[] resultCounts, long requests, long resultSamples, long totalResults, double? mean)
    {
        var metrics = Of(resultCounts).ToMetrics();

        Assert.Equal((requests, resultSamples, totalResults, mean), (metrics.Requests, metrics.ResultSamples, metrics.TotalResults, metrics.ResultsPerQuery));
    }

    [Fact]
    public void Add_WithoutAResultCount_DefaultsToNoneReported()
    {
        var acc = new VariantAccumulator();
        acc.Add(LatencyHistogram.BucketOf(20), ok: false);

        Assert.Equal((1L, 1L, 0L, 0L), (acc.Requests, acc.Errors, acc.ResultSamples, acc.TotalResults));
    }

    [Fact]
    public void Merge_TwoWindows_AddsResultCountsAndSamples()
    {
        var window = Of(2, 4);
        window.Merge(Of(9, -1, 3));

        var metrics = window.ToMetrics();
        Assert.Equal((5L, 4L, 18L, 4.5), (metrics.Requests, metrics.ResultSamples, metrics.TotalResults, metrics.ResultsPerQuery));
    }

    [Fact]
    public void Add_StoredAggregate_GivesTheSameWindowAsTheEventsItHolds()
    {
        var events = Of(3, -1, 8, 1);
        var replayed = new VariantAccumulator();
        replayed.Add(events.Requests, events.Errors, events.Latency.ToBytes(), events.ResultSamples, events.TotalResults, events.TotalResultSquares);
        replayed.Add(0, 0, [], 2, 10, 50); // a second stored row for the same window: two queries with 5 results

        Assert.Equal(74, events.TotalResultSquares); // 3² + 8² + 1²
        Assert.Equal(events.ToMetrics() with { ResultSamples = 5, TotalResults = 22, TotalResultSquares = 124 }, replayed.ToMetrics());
    }

    [Fact]
    public void Clear_AfterCounts_ForgetsResultsToo()
    {
        var acc = Of(4, 6);
        acc.Clear();

        Assert.Equal(VariantMetrics.Empty, acc.ToMetrics());
    }

    [Fact]
    public void VariantMetrics_PositionalWithoutResults_HasNoResultsPerQuery() =>
        Assert.Null(new VariantMetrics(100, 1, 10, 20, 30).ResultsPerQuery);
}
