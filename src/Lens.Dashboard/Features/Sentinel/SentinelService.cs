using Lens.Dashboard.Hosting;
using Lens.Core.Alerts;
using Lens.Core.Flags;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Runs a round of probes, records it, and acts: a failed round trips <c>zero_results_emergency</c> (which raises
/// a CRITICAL alert); enough passing rounds after a trip the sentinel made switch it back off. Each failing probe
/// also holds a HIGH alert of its own until it passes again. Probe quality feeds the drift detectors.
/// </summary>
public sealed class SentinelService(
    IDbContextFactory<LensDbContext> dbFactory,
    ProbeClient client,
    KillSwitchService killSwitches,
    FlagDirectory flags,
    AlertService alerts,
    DetectorService detectors,
    LensEvents events,
    TimeProvider clock,
    IOptions<SentinelOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SentinelService> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public bool Tripped => flags.ActiveKillSwitches.Contains(KillSwitch.ZeroResultsEmergency);

    /// <summary>Runs a round if the schedule says one is due: every Interval, or every TrippedInterval while tripped.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        // Before the server listens, a probe of this app's own demo endpoint would fail and trip the switch for nothing.
        if (!o.Configured || !lifetime.ApplicationStarted.IsCancellationRequested || lifetime.IsStopping()) return false;
        // Decided under the round's lock: a round that is running now is not due again when it finishes.
        await _lock.WaitAsync(ct);
        try
        {
            DateTimeOffset? last;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                last = await db.ProbeRuns.OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(ct);
            if (!SentinelPolicy.IsDue(clock.GetUtcNow(), last, Tripped, o.Interval, o.TrippedInterval)) return false;
            await RunRoundLockedAsync(ct);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<ProbeRun>> RunRoundAsync(CancellationToken ct = default)
    {
        if (!options.Value.Configured) throw new InvalidOperationException("Sentinel:Endpoint is not set, so there is nothing to probe.");
        await _lock.WaitAsync(ct);
        try
        {
            return await RunRoundLockedAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<IReadOnlyList<ProbeRun>> RunRoundLockedAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var round = Guid.NewGuid();
        var runs = await Task.WhenAll(o.Probes.Select(p => client.SendAsync(round, p.Key, p.Value, now, ct)));
        // A round that overlapped the start of a shutdown may have probed a closing server; it says nothing about search.
        if (lifetime.IsStopping()) return runs;
        List<ProbeRound> history;
        KillSwitch? zeroResults;
        IReadOnlyList<Lens.Core.Deployment.DeploymentPipeline> withholding;
        TimeSpan recovery;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ProbeRuns.AddRange(runs);
            await db.SaveChangesAsync(ct);
            zeroResults = await db.KillSwitches.AsNoTracking().FirstOrDefaultAsync(k => k.Name == KillSwitch.ZeroResultsEmergency, ct);
            var active = await PipelineSentinelRules.ActiveAsync(db, ct);
            withholding = PipelineSentinelRules.Withholding(active);
            recovery = PipelineSentinelRules.RecoveryPeriod(active, o.RecoveryPeriod);
            var since = Min(now - recovery - o.Interval, zeroResults?.ChangedAt ?? now);
            history = ProbeRound.Of(await db.ProbeRuns.AsNoTracking().Where(r => r.At >= since).ToListAsync(ct));
        }
        events.Publish(new LensEvent(LensEvent.ProbesRan, now, Detail: string.Join(", ", runs.Select(r => $"{r.Probe}: {r.Outcome}"))));

        await AlertPerProbeAsync(runs, ct);
        // The condition a withheld trip reported is over once a whole round passes; nothing is left for anyone to pull.
        if (runs.All(r => r.Passed))
            await alerts.ResolveKeyAsync(WithheldAlertKey, SentinelOptions.Actor, "every probe passed again", ct);
        var tripped = zeroResults?.Active == true;
        var action = SentinelPolicy.Decide(history, tripped, zeroResults?.Actor == SentinelOptions.Actor, now, recovery);
        if (action == SentinelAction.Trip)
        {
            var failed = string.Join("; ", runs.Where(r => !r.Passed).Select(r => $"'{r.Query}' {Describe(r)}"));
            if (withholding.Count > 0)
            {
                await WithholdTripAsync(failed, withholding, ct);
                await FeedDetectorsAsync(runs, ct);
                return runs;
            }
            logger.LogError("Sentinel probes failed ({Failed}); tripping {Switch}", failed, KillSwitch.ZeroResultsEmergency);
            await killSwitches.SetAsync(KillSwitch.ZeroResultsEmergency, true, SentinelOptions.Actor, $"probe failed: {failed}", ct);
        }
        else if (action == SentinelAction.Recover)
        {
            logger.LogInformation("Sentinel probes passed for {Period}; recovering {Switch}", recovery, KillSwitch.ZeroResultsEmergency);
            await killSwitches.SetAsync(KillSwitch.ZeroResultsEmergency, false, SentinelOptions.Actor,
                recovery == o.RecoveryPeriod ? $"every probe passed for {recovery.TotalMinutes:0.#} min"
                    : $"every probe passed for {recovery.TotalSeconds:0.#} s (Sentinel:RecoveryPeriod {o.RecoveryPeriod.TotalMinutes:0.#} min, divided by an accelerated pipeline's factor)", ct);
        }
        await FeedDetectorsAsync(runs, ct);
        return runs;
    }

    /// <summary>
    /// A pipeline's config (sentinel_config.kill_switch_enabled: false) forbids the automatic kill switch: people are
    /// told, at the kill switch's own CRITICAL severity, that the sentinel would have pulled it and who withheld it.
    /// </summary>
    private async Task WithholdTripAsync(string failed, IReadOnlyList<Lens.Core.Deployment.DeploymentPipeline> withholding, CancellationToken ct)
    {
        var who = PipelineSentinelRules.Describe(withholding);
        logger.LogError("Sentinel probes failed ({Failed}); automatic kill switch {Switch} withheld by the config of {Pipelines} (sentinel_config.kill_switch_enabled: false)",
            failed, KillSwitch.ZeroResultsEmergency, who);
        await alerts.TryRaiseAsync(new AlertSignal(WithheldAlertKey, AlertSeverity.Critical, AlertSource.KillSwitch,
            $"Sentinel probes failed; kill switch {KillSwitch.ZeroResultsEmergency} withheld by pipeline config",
            $"probe failed: {failed}. The automatic kill switch was withheld by the config of {who} (sentinel_config.kill_switch_enabled: false); pull it by hand if search must stop."), ct);
    }

    public static string WithheldAlertKey => AlertKeys.KillSwitch(KillSwitch.ZeroResultsEmergency) + ":withheld";

    private async Task AlertPerProbeAsync(IEnumerable<ProbeRun> runs, CancellationToken ct)
    {
        foreach (var run in runs)
        {
            if (run.Passed)
                await alerts.ResolveKeyAsync(AlertKeys.Probe(run.Probe), SentinelOptions.Actor, $"probe '{run.Query}' passed again ({run.ResultCount} results)", ct);
            else
                await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.Probe(run.Probe), AlertSeverity.High, AlertSource.Probe,
                    $"Sentinel probe '{run.Query}' failing: {Describe(run)}", run.Error ?? run.Outcome.ToString()), ct);
        }
    }

    private async Task FeedDetectorsAsync(IReadOnlyCollection<ProbeRun> runs, CancellationToken ct)
    {
        var anchors = runs.Where(r => r.AnchorHit is not null).ToArray();
        if (anchors.Length > 0) await detectors.ObserveAsync(DetectorOptions.AnchorPrecisionMetric, anchors.Average(r => r.AnchorHit!.Value ? 1.0 : 0.0), ct);
        var covered = runs.Where(r => r.SpanCoverage is not null).ToArray();
        if (covered.Length > 0) await detectors.ObserveAsync(DetectorOptions.SpanCoverageMetric, covered.Average(r => r.SpanCoverage!.Value), ct);
    }

    public static string Describe(ProbeRun run) => run.Outcome switch
    {
        ProbeOutcome.Pass => $"{run.ResultCount} results",
        ProbeOutcome.ZeroResults => "zero results",
        ProbeOutcome.Timeout => "timed out",
        _ => $"error ({run.Error})",
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
