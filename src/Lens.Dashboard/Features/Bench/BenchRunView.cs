using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>A bench run as the API lists it, with the addresses of its result files.</summary>
public sealed record BenchRunView(
    Guid Id, string Release, string Source, string? Slice, DateOnly? Night, string Status, string? Verdict,
    int QueriesDone, int QueriesTotal, double? NdcgDelta, double? RecallDelta, string? Error,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, IReadOnlyDictionary<string, string>? Files, string MeasuresFollow)
{
    public static BenchRunView From(BenchRun r) => new(
        r.Id, r.Release, r.Source, r.Slice, r.Night, r.Status.ToString().ToLowerInvariant(),
        r.Verdict is { } v ? BenchReportWriter.VerdictWord(v) : null,
        r.QueriesDone, r.QueriesTotal, r.NdcgDelta, r.RecallDelta, r.Error, r.StartedAt, r.FinishedAt,
        r.Status == BenchRunStatus.Completed
            ? new[] { BenchReportWriter.JsonFile, BenchReportWriter.MarkdownFile, BenchReportWriter.CsvFile }.ToDictionary(f => f, f => FileUrl(r.Id, f))
            : null,
        r.MeasuresFollow);

    public static string FileUrl(Guid run, string file) => $"/api/bench/{run}/{file}";
}
