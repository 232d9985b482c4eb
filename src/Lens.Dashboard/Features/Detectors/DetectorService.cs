using Lens.Core.Alerts;
using Lens.Core.Monitoring;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>Feeds metric values to the detectors watching them, saves each step, and turns a new alarm into a HIGH alert.</summary>
public sealed class DetectorService(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    AlertService alerts,
    LensEvents events,
    IOptions<DetectorOptions> options)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates the configured detectors that are not stored yet. Stored ones keep their learned baseline and sums.</summary>
    public async Task EnsureConfiguredAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Detectors.Select(d => d.Name).ToListAsync(ct);
        foreach (var (name, d) in options.Value.Watch.Where(w => !stored.Contains(w.Key)))
            db.Detectors.Add(Detector.Create(name, d.Metric, d.K, d.H, d.BaselineSize, d.SigmaFloor, d.Target, d.Sigma));
        await db.SaveChangesAsync(ct);
    }

    public IReadOnlyCollection<string> Metrics => options.Value.Watch.Values.Select(d => d.Metric).Distinct().ToArray();

    /// <summary>The values a metric can take, as its detectors define it: what an observation must lie within.</summary>
    public (double Minimum, double Maximum) RangeOf(string metric)
    {
        var watching = options.Value.Watch.Values.Where(d => d.Metric == metric).ToList();
        return (watching.Max(d => d.Minimum), watching.Min(d => d.Maximum));
    }

    /// <summary>Gives one value of a metric to every detector watching it. Returns how many detectors took it.</summary>
    public async Task<int> ObserveAsync(string metric, double value, CancellationToken ct = default)
    {
        var alarms = new List<(Detector Detector, DetectorObservation Step)>();
        int taken;
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var watching = await db.Detectors.Where(d => d.Metric == metric).ToListAsync(ct);
            foreach (var detector in watching)
            {
                var (observation, started) = detector.Observe(value, now);
                db.DetectorObservations.Add(observation);
                if (started) alarms.Add((detector, observation));
            }
            await db.SaveChangesAsync(ct);
            taken = watching.Count;
        }
        finally
        {
            _lock.Release();
        }
        if (taken > 0) events.Publish(new LensEvent(LensEvent.DetectorChanged, clock.GetUtcNow(), Detail: metric));
        foreach (var (d, step) in alarms)
        {
            var (direction, sum) = step.AlarmHigh ? ("upward", $"C⁺ = {step.CPlus:0.####}") : ("downward", $"C⁻ = {step.CMinus:0.####}");
            await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.Detector(d.Name), AlertSeverity.High, AlertSource.Detector,
                $"Drift alarm: {d.Name} has shifted {direction}",
                $"CUSUM on {d.Metric} crossed H = {d.Parameters!.DecisionInterval:0.####} ({sum}); μ₀ = {d.Target:0.####}, σ = {d.Sigma:0.####}, last value {step.Value:0.####}."), ct);
        }
        return taken;
    }

    /// <summary>Gives a detector μ₀ and σ measured elsewhere (a bench), audited like a reset, and resolves its alarm.</summary>
    public Task<Detector> ArmAsync(string name, double target, double sigma, string actor, string reason, CancellationToken ct = default) =>
        RestartAsync(name, "Arm", "armed", actor, reason, (d, now) => d.Arm(target, sigma, actor, reason, now), armed => armed.Note!, ct);

    public Task<Detector> ResetAsync(string name, string actor, string reason, CancellationToken ct = default) =>
        RestartAsync(name, "Reset", "reset", actor, reason, (d, now) => d.Reset(actor, reason, now), _ => reason, ct);

    /// <summary>
    /// A reset or an arming: the detector's change and its audit entry in one save, then its pages told and its alarm
    /// resolved, since the sums that raised it are gone.
    /// </summary>
    private async Task<Detector> RestartAsync(string name, string action, string done, string actor, string reason,
        Func<Detector, DateTimeOffset, DetectorObservation> change, Func<DetectorObservation, string> auditReason, CancellationToken ct)
    {
        Detector detector;
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            detector = await db.Detectors.FindAsync([name], ct) ?? throw new KeyNotFoundException($"There is no detector '{name}'.");
            var now = clock.GetUtcNow();
            var step = change(detector, now);
            db.DetectorObservations.Add(step);
            db.AuditEntries.Add(AuditEntry.ForSubject(AlertKeys.Detector(name), action, actor, auditReason(step), now, null, null));
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
        events.Publish(new LensEvent(LensEvent.DetectorChanged, clock.GetUtcNow(), Detail: detector.Metric));
        await alerts.ResolveKeyAsync(AlertKeys.Detector(name), actor, $"Detector {done}: {reason}", ct);
        return detector;
    }
}
