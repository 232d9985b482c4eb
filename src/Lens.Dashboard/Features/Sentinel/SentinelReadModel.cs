using Lens.Core.Flags;
using Lens.Core.Sentinel;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui.Charts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>Loads the sentinel page in one short-lived context.</summary>
public sealed class SentinelReadModel(IDbContextFactory<LensDbContext> dbFactory, IOptions<SentinelOptions> options, TimeProvider clock)
{
    public async Task<SentinelView> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var status = await SentinelStatus.LoadAsync(db, options.Value, now, ct);
        var since = now - SentinelStatus.RateWindow;
        var runs = await db.ProbeRuns.AsNoTracking().Where(r => r.At >= since).OrderBy(r => r.Id).ToListAsync(ct);
        var subject = "killswitch:" + KillSwitch.ZeroResultsEmergency;
        var trips = await db.AuditEntries.AsNoTracking().Where(a => a.Subject == subject && a.At >= since).OrderBy(a => a.Id).ToListAsync(ct);
        return new SentinelView(status, Chart(runs, trips, options.Value.Timeout));
    }

    public static ChartSpec Chart(IReadOnlyList<ProbeRun> runs, IReadOnlyList<AuditEntry> trips, TimeSpan timeout)
    {
        var lines = runs.GroupBy(r => r.Probe).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new ChartLine($"'{g.First().Query}' ({g.Key})", ChartColors.Distinct[i % ChartColors.Distinct.Length],
                g.Select(r => new ChartPoint(r.At, Math.Round(r.LatencyMs, 1))).ToList()))
            .ToList();
        var failures = runs.Where(r => !r.Passed)
            .Select(r => new ChartMarker(r.At, Math.Min(Math.Round(r.LatencyMs, 1), timeout.TotalMilliseconds), $"'{r.Query}': {SentinelService.Describe(r)}")).ToList();
        var events = trips.Select(t => t.Action == "Activate"
            ? new ChartEvent(t.At, "kill switch tripped", ChartEventKind.KillSwitchOn)
            : new ChartEvent(t.At, "kill switch off", ChartEventKind.KillSwitchOff)).ToList();
        // A timeout line far above every probe would flatten them all onto the axis: then it is named instead of drawn.
        var slowest = runs.Count == 0 ? 0 : runs.Max(r => r.LatencyMs);
        var timeoutMs = timeout.TotalMilliseconds;
        var drawTimeout = slowest >= timeoutMs / 4;
        return new ChartSpec("Probe latency, last 24 h", "ms", lines,
            drawTimeout ? [new ChartThreshold($"timeout {timeoutMs:0} ms", timeoutMs)] : [],
            events, failures, MarkerName: "Failed probe", Decimals: 1, EmptyText: "Waiting for data: no probe has run in the last 24 hours.",
            Note: drawTimeout ? null : $"The probe timeout, {timeoutMs:0} ms, is far above every probe in the last 24 h (slowest {slowest:0} ms), so it is not drawn; a probe that times out is marked at its limit.");
    }
}
