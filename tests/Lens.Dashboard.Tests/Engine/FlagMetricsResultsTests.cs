using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Dashboard.Features.Metrics;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>Result counts travel from a parsed batch into the stage window, the chart buckets and the at-once breach check.</summary>
public sealed class FlagMetricsResultsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly long Bucket = MetricsClock.BucketOf(Start);

    private static FlagMetrics Staged(StageGates gates)
    {
        var metrics = new FlagMetrics("f");
        metrics.SetStage(new ActiveStage(Guid.NewGuid(), 0, gates, Start));
        return metrics;
    }

    private static IngestBatch Batch(int count, int resultCount, Variant variant = Variant.Candidate)
    {
        var batch = IngestBatch.Rent();
        batch.Flag = "f";
        for (var i = 0; i < count; i++) batch.Accept((byte)variant, ok: true, (short)LatencyHistogram.BucketOf(20), resultCount);
        return batch;
    }

    private static void Apply(FlagMetrics metrics, int count, int resultCount, Variant variant = Variant.Candidate)
    {
        using var batch = Batch(count, resultCount, variant);
        metrics.Apply(batch, Bucket);
    }

    [Fact]
    public void Apply_EventsWithAndWithoutResultCount_WindowAveragesOnlyTheCountsGiven()
    {
        var metrics = Staged(new StageGates());
        Apply(metrics, 30, 4);
        Apply(metrics, 10, 8);
        Apply(metrics, 25, IngestBatch.NoResultCount);
        Apply(metrics, 5, 1, Variant.Baseline);

        var window = metrics.StageWindow();
        Assert.Equal((65L, 40L, 200L, 5.0), (window.Candidate.Requests, window.Candidate.ResultSamples, window.Candidate.TotalResults, window.Candidate.ResultsPerQuery));
        Assert.Equal(1.0, window.Baseline.ResultsPerQuery);
        Assert.Equal(5.0, Assert.Single(metrics.Series(Start)).Candidate.ResultsPerQuery);
    }

    // 120 candidate requests, each returning resultCount, against target 5 ± 1 on 100 samples
    [Theory]
    [InlineData(5, false)]
    [InlineData(6, false)]     // on the edge passes
    [InlineData(7, true)]
    [InlineData(3, true)]
    [InlineData(0, true)]
    public void BreachesGate_CandidateResultsPerQuery_IsJudgedAtOnce(int resultCount, bool breaches)
    {
        var metrics = Staged(new StageGates(MinSamples: 100, TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1));
        Apply(metrics, 120, resultCount);

        Assert.Equal(breaches, metrics.BreachesGate());
    }

    [Fact]
    public void BreachesGate_FarFromTargetButTooFewCounts_WaitsForMinSamples()
    {
        var metrics = Staged(new StageGates(MinSamples: 100, TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1));
        Apply(metrics, 99, 40);
        Apply(metrics, 500, IngestBatch.NoResultCount); // plenty of requests, but these did not say

        Assert.False(metrics.BreachesGate());
        Apply(metrics, 1, 40);
        Assert.True(metrics.BreachesGate());
    }

    [Fact]
    public void Replay_StoredAggregates_RebuildTheStageWindowsResults()
    {
        var metrics = Staged(new StageGates());
        metrics.Replay(Variant.Candidate, Bucket - 1, 50, 0, [], resultSamples: 50, totalResults: 1000, totalResultSquares: 20_000, countsTowardStage: false);
        metrics.Replay(Variant.Candidate, Bucket, 40, 1, [], resultSamples: 30, totalResults: 210, totalResultSquares: 1470, countsTowardStage: true);
        metrics.Replay(Variant.Candidate, Bucket + 1, 10, 0, [], resultSamples: 10, totalResults: 90, totalResultSquares: 810, countsTowardStage: true);

        var candidate = metrics.StageWindow().Candidate;
        Assert.Equal((50L, 40L, 300L, 7.5), (candidate.Requests, candidate.ResultSamples, candidate.TotalResults, candidate.ResultsPerQuery));
        // 30 queries with 7 results and 10 with 9: sample sd √((2280 − 40·7.5²) / 39).
        Assert.Equal(Math.Sqrt(30.0 / 39), candidate.ResultsPerQueryStandardDeviation!.Value, 12);
        // The bucket before the stage still draws on the chart with its own mean.
        Assert.Equal([20.0, 7.0, 9.0], metrics.Series(DateTimeOffset.MinValue).Select(p => p.Candidate.ResultsPerQuery!.Value));
    }

    [Fact]
    public void Accept_MoreEventsThanTheFirstArrays_KeepsEachResultCountWithItsEvent()
    {
        using var batch = IngestBatch.Rent();
        for (var i = 0; i < 1000; i++)
            batch.Accept((byte)(i % 2), ok: true, (short)(i % 100), i % 3 == 0 ? IngestBatch.NoResultCount : i);

        Assert.Equal(1000, batch.Count);
        Assert.All(Enumerable.Range(0, 1000), i =>
        {
            Assert.Equal((byte)(i % 2), batch.Variants[i]);
            Assert.Equal(i % 3 == 0 ? IngestBatch.NoResultCount : i, batch.ResultCounts[i]);
        });
    }
}
