using System.Collections.Concurrent;
using Lens.Core.Alerts;
using Lens.Core.Flags;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Flags;

/// <summary>
/// Turns a named kill switch on or off. An activation holds every flag at baseline in memory at once, so services hear
/// it within a second whatever the database is doing; storing it (with its audit entry and alert) follows, in order,
/// through <see cref="KillSwitchWriter"/>. A deactivation releases traffic only once it is stored: a release that a
/// crash could forget must not reach services.
/// </summary>
public sealed class KillSwitchService(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, FlagDirectory directory, LensEvents events,
    AlertService alerts, ILogger<KillSwitchService> logger)
{
    /// <summary>How long a caller waits for the change to be stored before it is told "applied, not yet durable".</summary>
    public static readonly TimeSpan DurableWait = TimeSpan.FromMilliseconds(700);

    private readonly ConcurrentQueue<PendingKillSwitch> _queue = new();
    private readonly SemaphoreSlim _queued = new(0);

    /// <summary>Changes accepted but not yet stored, oldest first.</summary>
    public IReadOnlyList<PendingKillSwitch> Pending => [.. _queue];

    public async Task<KillSwitchChange> SetAsync(string name, bool active, string actor, string reason, CancellationToken ct = default)
    {
        var pending = new PendingKillSwitch(name, active, actor, reason, clock.GetUtcNow());
        if (active) HoldAtBaseline(pending);
        _queue.Enqueue(pending);
        _queued.Release();

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stored = pending.Stored.Task;
        if (await Task.WhenAny(stored, Task.Delay(DurableWait, clock, wait.Token)) == stored)
        {
            await stored;
            return new KillSwitchChange(name, active, actor, reason, pending.At, Durable: true);
        }
        await wait.CancelAsync();
        logger.LogWarning("Kill switch {Name} {Change} by {Actor} is not stored yet: the database is not taking writes. {Effect}", name,
            active ? "activation" : "deactivation", actor, active ? "Every flag is at baseline already." : "Traffic stays at baseline until it is stored.");
        return new KillSwitchChange(name, active, actor, reason, pending.At, Durable: false);
    }

    /// <summary>Waits until something is queued (for <see cref="KillSwitchWriter"/>).</summary>
    public Task WaitForWorkAsync(CancellationToken ct) => _queued.WaitAsync(ct);

    /// <summary>Stores the oldest pending change; false when there is none. Throws while the database refuses the write.</summary>
    public async Task<bool> StoreNextAsync(CancellationToken ct)
    {
        if (!_queue.TryPeek(out var pending)) return false;
        var changed = await SaveAsync(pending, ct);
        _queue.TryDequeue(out _);
        // The reply waits for the alert too, so whoever flipped the switch finds the alert already raised or resolved.
        try
        {
            if (!changed) return true;
            if (pending.Active)
                await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.KillSwitch(pending.Name), AlertSeverity.Critical, AlertSource.KillSwitch,
                    $"Kill switch {pending.Name} is ACTIVE: all traffic on baseline", $"Activated by {pending.Actor}: {pending.Reason}. Effect: {KillSwitch.EffectOf(pending.Name)}"), ct);
            else
                await alerts.ResolveKeyAsync(AlertKeys.KillSwitch(pending.Name), pending.Actor, $"Kill switch deactivated: {pending.Reason}", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Kill switch {Name} is stored, but its alert could not be updated.", pending.Name);
        }
        finally
        {
            pending.Stored.TrySetResult();
        }
        return true;
    }

    /// <summary>Every flag to 0% in memory and on the stream, before anything is stored.</summary>
    private void HoldAtBaseline(PendingKillSwitch pending)
    {
        directory.SetKillSwitch(pending.Name, true);
        foreach (var flag in directory.All())
            if (!flag.KillSwitch) directory.Set(flag with { Percent = 0m, KillSwitch = true, Version = flag.Version + 1 });
        events.Publish(new LensEvent(LensEvent.KillSwitchChanged, pending.At, Detail: $"{pending.Name} activated by {pending.Actor}: {pending.Reason}"));
    }

    private async Task<bool> SaveAsync(PendingKillSwitch pending, CancellationToken ct)
    {
        await directory.WriteLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var killSwitch = await db.KillSwitches.FindAsync([pending.Name], ct);
            if (killSwitch is null)
            {
                killSwitch = KillSwitch.Create(pending.Name, pending.At);
                db.KillSwitches.Add(killSwitch);
            }
            var wasActive = killSwitch.Active;
            var changed = killSwitch.Set(pending.Active, pending.Actor, pending.Reason, pending.At);
            db.AuditEntries.Add(AuditEntry.ForSubject("killswitch:" + pending.Name, pending.Active ? "Activate" : "Deactivate", pending.Actor, pending.Reason, pending.At,
                wasActive ? "Active" : "Inactive", pending.Active ? "Active" : "Inactive"));
            var flags = await db.Flags.ToListAsync(ct);
            var now = clock.GetUtcNow();
            if (changed) foreach (var flag in flags) flag.Touch(now);
            await db.SaveChangesAsync(ct);

            // A stored release must not hand traffic back while a later activation of the same switch still waits to be stored.
            directory.SetKillSwitch(pending.Name, pending.Active || _queue.Skip(1).Any(p => p.Name == pending.Name && p.Active));
            foreach (var flag in flags) directory.Set(flag.ToState(directory.KillSwitchActive));
            events.Publish(new LensEvent(LensEvent.KillSwitchChanged, now,
                Detail: $"{pending.Name} {(pending.Active ? "activated" : "deactivated")} by {pending.Actor}: {pending.Reason}"));
            return changed;
        }
        finally
        {
            directory.WriteLock.Release();
        }
    }

    /// <summary>Each switch as stored, with any activation that is applied but not stored yet shown as active.</summary>
    public async Task<IReadOnlyList<KillSwitch>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.KillSwitches.AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var pending = Pending;
        return KillSwitch.Names.Select(n =>
        {
            var shown = stored.FirstOrDefault(s => s.Name == n) ?? KillSwitch.Create(n, now);
            if (pending.LastOrDefault(p => p.Name == n && p.Active) is { } applied)
            {
                shown = KillSwitch.Create(n, applied.At);
                shown.Set(true, applied.Actor, applied.Reason, applied.At);
            }
            return shown;
        }).ToArray();
    }
}
