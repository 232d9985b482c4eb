using Lens.Core.Gates;

namespace Lens.Core.Bench;

/// <summary>
/// One bench of a release: over run files or live against endpoints, for the final bench or one slice of a night.
/// It keeps its three result files (JSON, Markdown, CSV) so they can be downloaded as they were written.
/// </summary>
public sealed class BenchRun
{
    private BenchRun() { }

    public Guid Id { get; private set; }
    public string Release { get; private set; } = "";
    public string Source { get; private set; } = "";
    public string? Slice { get; private set; }
    public DateOnly? Night { get; private set; }
    public string StartedBy { get; private set; } = "";
    public BenchRunStatus Status { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public int QueriesDone { get; private set; }
    public int QueriesTotal { get; private set; }
    public Verdict? Verdict { get; private set; }
    public double? NdcgDelta { get; private set; }
    public double? RecallDelta { get; private set; }
    public string? ResultsJson { get; private set; }
    public string? SummaryMarkdown { get; private set; }
    public string? MetricsCsv { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Which trec_eval the measures follow (<see cref="TrecEvaluator.Reference"/> for every bench run now).</summary>
    public string MeasuresFollow { get; private set; } = TrecEvaluator.Reference;

    /// <summary>False for a bench stored before the measures followed trec_eval 10.0: its nDCG@10 is not comparable with later ones.</summary>
    public bool MeasuredLikeToday => MeasuresFollow == TrecEvaluator.Reference;

    public const string FilesSource = "files";
    public const string LiveSource = "live";

    public static BenchRun Start(string release, string source, string? slice, DateOnly? night, string startedBy, int queries, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Release = release,
        Source = source,
        Slice = slice,
        Night = night,
        StartedBy = startedBy,
        Status = BenchRunStatus.Running,
        StartedAt = now,
        QueriesTotal = queries,
        MeasuresFollow = TrecEvaluator.Reference,
    };

    public void Progress(int done)
    {
        EnsureRunning("report progress");
        QueriesDone = Math.Clamp(done, QueriesDone, QueriesTotal);
    }

    public void Complete(Verdict verdict, double? ndcgDelta, double? recallDelta, string resultsJson, string summaryMarkdown, string metricsCsv, DateTimeOffset now)
    {
        EnsureRunning("complete");
        Status = BenchRunStatus.Completed;
        QueriesDone = QueriesTotal;
        Verdict = verdict;
        NdcgDelta = ndcgDelta;
        RecallDelta = recallDelta;
        ResultsJson = resultsJson;
        SummaryMarkdown = summaryMarkdown;
        MetricsCsv = metricsCsv;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        EnsureRunning("fail");
        Status = BenchRunStatus.Failed;
        Verdict = Gates.Verdict.Fail;
        Error = error;
        FinishedAt = now;
    }

    /// <summary>Starts a bench again from its first query, keeping its place in its night: a restart cut it off before it finished.</summary>
    public void Restart()
    {
        EnsureRunning("restart");
        QueriesDone = 0;
    }

    /// <summary>Fails a bench the process was cut off from (a restart or a shutdown): it says nothing about the release.</summary>
    public void Interrupt(string why, DateTimeOffset now) => Fail($"{InterruptedPrefix} {why}", now);

    /// <summary>True for a bench that ended because the dashboard stopped, not because of what it measured: run it again rather than judge it.</summary>
    public bool WasInterrupted => Status == BenchRunStatus.Failed && Error is { } e
        && (e.StartsWith(InterruptedPrefix, StringComparison.Ordinal) || e.StartsWith(LegacyStoppedPrefix, StringComparison.Ordinal));

    private const string InterruptedPrefix = "Interrupted:";
    // Benches stored before Interrupt existed said "Stopped:" when the dashboard shut down under them.
    private const string LegacyStoppedPrefix = "Stopped: the dashboard shut down";

    /// <summary>A night counts as passed only if its bench completed and every gate passed.</summary>
    public bool Passed => Passes(Status, Verdict);

    public static bool Passes(BenchRunStatus status, Verdict? verdict) => status == BenchRunStatus.Completed && verdict == Gates.Verdict.Pass;

    private void EnsureRunning(string action)
    {
        if (Status != BenchRunStatus.Running)
            throw new InvalidOperationException($"Cannot {action} bench run {Id}: it is already {Status}.");
    }
}
