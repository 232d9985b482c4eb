using Lens.Core.Alerts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>
/// Raises, groups, acknowledges, resolves and escalates alerts. Each change is saved together with its webhook
/// events, then published so walls redraw at once. One lock keeps grouping exact when two sources raise the
/// same condition together.
/// </summary>
public sealed class AlertService(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    WebhookOutbox outbox,
    LensEvents events,
    IOptions<AlertOptions> options,
    ILogger<AlertService> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<Alert> RaiseAsync(AlertSignal signal, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var latest = await db.Alerts.Where(a => a.Key == signal.Key).OrderByDescending(a => a.RaisedAt).FirstOrDefaultAsync(ct);
            var change = latest?.Absorb(signal, now, options.Value.Damping);
            var alert = latest!;
            if (change is null)
            {
                alert = Alert.Raise(signal, now);
                db.Alerts.Add(alert);
                change = AlertChange.Raised;
                logger.LogWarning("{Severity} alert raised: {Title}. {Detail}", alert.Severity, alert.Title, alert.Detail);
            }
            return await SaveAsync(db, alert, change.Value, now, ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Raises the signal, logging instead of throwing: for automatic actions whose own work must not fail because alerting did.</summary>
    public async Task TryRaiseAsync(AlertSignal signal, CancellationToken ct = default)
    {
        try { await RaiseAsync(signal, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not raise alert {Key}: {Title}", signal.Key, signal.Title);
        }
    }

    public Task<Alert> AcknowledgeAsync(Guid id, string actor, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, ct, (alert, now) => { alert.Acknowledge(actor, reason, now); return AlertChange.Acknowledged; });

    public Task<Alert> ResolveAsync(Guid id, string actor, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, ct, (alert, now) => { alert.Resolve(actor, reason, now); return AlertChange.Resolved; });

    /// <summary>
    /// Acknowledges many alerts in one transaction. Every id must exist (else nothing changes); alerts that are no longer
    /// Raised, because someone acknowledged or resolved them meanwhile, are left as they are and reported.
    /// </summary>
    public async Task<BulkAcknowledgement> AcknowledgeManyAsync(IReadOnlyCollection<Guid> ids, string actor, string reason, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var alerts = await db.Alerts.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
            var missing = ids.Except(alerts.Select(a => a.Id)).ToList();
            if (missing.Count > 0) throw new KeyNotFoundException($"There is no alert {string.Join(", ", missing)}.");
            var now = clock.GetUtcNow();
            var acknowledged = new List<Guid>();
            var skipped = new List<BulkAcknowledgement.Skip>();
            var queued = 0;
            foreach (var alert in alerts.OrderBy(a => a.RaisedAt))
            {
                if (alert.State != AlertState.Raised)
                {
                    skipped.Add(new BulkAcknowledgement.Skip(alert.Id, alert.State));
                    continue;
                }
                alert.Acknowledge(actor, reason, now);
                queued += outbox.Enqueue(db, alert, AlertChange.Acknowledged, now);
                acknowledged.Add(alert.Id);
            }
            await db.SaveChangesAsync(ct);
            if (queued > 0) outbox.Wake();
            if (acknowledged.Count > 0)
                events.Publish(new LensEvent(LensEvent.AlertChanged, now, Detail: $"{acknowledged.Count} alert(s) acknowledged by {actor.Trim()}"));
            return new BulkAcknowledgement(acknowledged, skipped);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Resolves the open alert for a condition that has cleared, if there is one.</summary>
    public async Task ResolveKeyAsync(string key, string actor, string reason, CancellationToken ct = default)
    {
        Guid? open;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            open = await db.Alerts.Where(a => a.Key == key && a.State != AlertState.Resolved).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (open is { } id)
        {
            try { await ResolveAsync(id, actor, reason, ct); }
            catch (AlertTransitionException) { } // a person resolved it in between
        }
    }

    /// <summary>Escalates open alerts for conditions still held after <see cref="AlertOptions.EscalateAfter"/>.</summary>
    public async Task<int> EscalateHeldAsync(IReadOnlyCollection<string> heldKeys, CancellationToken ct = default)
    {
        if (heldKeys.Count == 0) return 0;
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var open = await db.Alerts.Where(a => heldKeys.Contains(a.Key) && a.State != AlertState.Resolved).ToListAsync(ct);
            var escalated = 0;
            foreach (var alert in open)
            {
                if (!alert.EscalateIfHeld(options.Value.EscalateAfter, now)) continue;
                outbox.Enqueue(db, alert, AlertChange.Escalated, now);
                escalated++;
            }
            if (escalated == 0) return 0;
            await db.SaveChangesAsync(ct);
            outbox.Wake();
            events.Publish(new LensEvent(LensEvent.AlertChanged, now, Detail: $"{escalated} alert(s) escalated to CRITICAL"));
            return escalated;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Alert> ChangeAsync(Guid id, CancellationToken ct, Func<Alert, DateTimeOffset, AlertChange> change)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var alert = await db.Alerts.FindAsync([id], ct) ?? throw new KeyNotFoundException($"There is no alert {id}.");
            var now = clock.GetUtcNow();
            return await SaveAsync(db, alert, change(alert, now), now, ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Alert> SaveAsync(LensDbContext db, Alert alert, AlertChange change, DateTimeOffset now, CancellationToken ct)
    {
        // A repeat of an open condition is counted, not announced: that is what keeps phones quiet.
        var queued = change == AlertChange.Counted ? 0 : outbox.Enqueue(db, alert, change, now);
        await db.SaveChangesAsync(ct);
        if (queued > 0) outbox.Wake();
        events.Publish(new LensEvent(LensEvent.AlertChanged, now, alert.RolloutId, Detail: $"{change}: {alert.Severity} {alert.Title}"));
        return alert;
    }
}
