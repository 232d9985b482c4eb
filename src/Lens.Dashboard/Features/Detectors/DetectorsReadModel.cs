using Lens.Core.Monitoring;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui.Charts;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>The drift page's data: every detector, and the one the page is on with its history drawn.</summary>
public sealed class DetectorsReadModel(IDbContextFactory<LensDbContext> dbFactory)
{
    /// <summary>How much history the charts draw; the CSV export has all of it.</summary>
    public const int ChartRows = 1000;

    public async Task<List<Detector>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Detectors.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
    }

    public async Task<DetectorView?> LoadAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detector = await db.Detectors.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, ct);
        if (detector is null) return null;
        var history = db.DetectorObservations.AsNoTracking().Where(o => o.Detector == name);
        var rows = await history.OrderByDescending(o => o.Id).Take(ChartRows).ToListAsync(ct);
        rows.Reverse();
        var baseline = await history.Where(o => o.Phase == DetectorPhase.Baseline)
            .GroupBy(o => o.Detector).Select(g => new { From = g.Min(o => o.At), To = g.Max(o => o.At), Count = g.Count() }).FirstOrDefaultAsync(ct);
        var monitored = await history.CountAsync(o => o.Phase == DetectorPhase.Monitoring, ct);
        // Numbered among monitored observations over the whole history, as the replay of the export numbers them.
        var firstAlarm = await history.Where(o => o.Phase == DetectorPhase.Monitoring && (o.AlarmHigh || o.AlarmLow)).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.At }).FirstOrDefaultAsync(ct);
        (int, DateTimeOffset)? first = firstAlarm is null ? null
            : (await history.CountAsync(o => o.Phase == DetectorPhase.Monitoring && o.Id <= firstAlarm.Id, ct), firstAlarm.At);
        var unit = UnitOf(detector.Metric);
        return new DetectorView(detector, unit, baseline?.From, baseline?.To, baseline?.Count ?? 0, first, monitored,
            RawChart(detector, rows, unit, baseline?.To), CusumChart(detector, rows), ReplayCommand.For(detector));
    }

    public static string UnitOf(string metric) => metric.EndsWith("_ms", StringComparison.Ordinal) ? "ms" : metric;

    private static ChartSpec RawChart(Detector d, IReadOnlyList<DetectorObservation> rows, string unit, DateTimeOffset? baselineEnd)
    {
        var values = rows.Where(o => o.Value is not null).Select(o => new ChartPoint(o.At, o.Value)).ToList();
        var thresholds = d.Target is { } mu0 ? new List<ChartThreshold> { new($"μ₀ = {mu0:G4}", mu0, ChartColors.Reference) } : [];
        var events = new List<ChartEvent>();
        if (baselineEnd is { } end && !d.IsLearning) events.Add(new ChartEvent(end, "baseline learned", ChartEventKind.Note));
        events.AddRange(Resets(rows));
        return new ChartSpec($"{d.Metric}", unit, [new ChartLine(d.IsLearning ? "value (learning the baseline)" : "value", ChartColors.Candidate, values)],
            thresholds, events, Decimals: 4, EmptyText: "Waiting for data: no observation yet.", YMin: null);
    }

    private static ChartSpec CusumChart(Detector d, IReadOnlyList<DetectorObservation> rows)
    {
        var monitored = rows.Where(o => o.Phase != DetectorPhase.Baseline).ToList();
        var thresholds = d.Parameters is { } p ? new List<ChartThreshold> { new($"H = {p.DecisionInterval:G4}", p.DecisionInterval) } : [];
        var alarms = monitored.Where(o => o.Alarm)
            .Select(o => new ChartMarker(o.At, o.AlarmHigh ? o.CPlus : o.CMinus, $"{(o.AlarmHigh ? "C⁺" : "C⁻")} above H at {o.At.UtcDateTime:HH:mm:ss} UTC")).ToList();
        return new ChartSpec("C⁺ and C⁻ against H", "sum of deviations",
            [
                new ChartLine("C⁺ (upward shift)", ChartColors.Distinct[1], monitored.Select(o => new ChartPoint(o.At, o.CPlus)).ToList()),
                new ChartLine("C⁻ (downward shift)", ChartColors.Distinct[0], monitored.Select(o => new ChartPoint(o.At, o.CMinus)).ToList()),
            ], thresholds, Resets(rows), alarms, MarkerName: "Alarm (a sum above H)", Decimals: 4,
            EmptyText: d.IsLearning ? $"Still learning μ₀ and σ ({d.BaselineValues.Count} of {d.BaselineSize} values); the sums start once monitoring does." : "Waiting for data: no monitored observation yet.");
    }

    private static List<ChartEvent> Resets(IEnumerable<DetectorObservation> rows) =>
        rows.Where(o => o.Phase == DetectorPhase.Reset).Select(o => new ChartEvent(o.At, $"reset ({o.Note})", ChartEventKind.Reset)).ToList();
}
