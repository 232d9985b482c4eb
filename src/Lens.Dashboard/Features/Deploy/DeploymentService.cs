using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Hosting;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Starts, aborts and reads pipelines: the one rule set the API, the CLI (through the API), the pages and the runner use.
/// One pipeline per flag at a time; a start that finds one running is refused naming it.
/// </summary>
public sealed class DeploymentService(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    IOptions<DeployOptions> options,
    IOptions<Lens.Dashboard.Features.Sentinel.SentinelOptions> sentinelOptions,
    RolloutEngine engine,
    SubFeatureControls subFeatures,
    DeploymentReports reports,
    LensEvents events,
    DeploymentEndWebhooks endWebhooks,
    ILogger<DeploymentService> logger)
{
    private static readonly PipelineState[] Active = DeploymentPipeline.UnfinishedStates;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    // One per pipeline, held by an abort and by each runner step, so an abort never lands between a step's read and
    // its side effects (a step that read the pipeline before the abort would otherwise still move rollouts after it).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _pipelineLocks = new();

    // Started pipelines wake the runner, which otherwise sleeps while nothing runs.
    internal AsyncAutoResetSignal Started { get; } = new();

    internal SemaphoreSlim LockOf(Guid id) => _pipelineLocks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

    public DeploymentPlan Plan(DeploymentRequest request) => DeploymentPlanner.Plan(request, options.Value.Settings(sentinelOptions.Value.RecoveryPeriod));

    /// <summary>Builds the request a start asks for; throws <see cref="LensValidationException"/> naming every wrong field or config key.</summary>
    public DeploymentRequest RequestFrom(DeployStartRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        var (config, configErrors) = body.Config is { } json ? DeploymentConfigReader.Read(json) : (DeploymentConfig.Default, []);
        foreach (var error in configErrors) errors[$"config.{error.Key}"] = [error.Message];
        var version = string.IsNullOrWhiteSpace(body.Version) ? config?.TargetVersion : body.Version.Trim();
        if (string.IsNullOrWhiteSpace(version)) errors["version"] = ["Say which version to deploy (version, or the config's target_version)."];
        else if (Lens.Core.Releases.Release.VersionProblem(version) is { } problem) errors["version"] = [problem];
        if (body.Force == true && string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["Forcing past failed gates needs a reason; it is audited and printed in the reports."];
        var flag = config?.Flag ?? options.Value.Flag;
        if (config?.Flag is { } f && (f.Length > 100 || f.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            errors["config.flag"] = ["A flag key is at most 100 letters, digits, '-', '_' or '.'."];
        if (errors.Count > 0) throw new LensValidationException(errors);
        return new DeploymentRequest(version!, flag, config!, body.Accelerated == true, body.SkipBench == true, body.SkipCanary == true,
            body.Force == true ? body.Reason!.Trim() : null);
    }

    public async Task<DeploymentPipeline> StartAsync(DeploymentRequest request, string actor, CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        DeploymentPipeline pipeline;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var running = await db.DeploymentPipelines.AsNoTracking().Where(p => p.Flag == request.Flag && Active.Contains(p.State))
                .Select(p => new { p.Id, p.Version }).FirstOrDefaultAsync(ct);
            if (running is not null)
                throw new LensRequestException("flag", $"Pipeline {running.Id} ({running.Version}) is running on flag '{request.Flag}'; abort it or wait for it to end.", StatusCodes.Status409Conflict);
            var now = clock.GetUtcNow();
            pipeline = DeploymentPipeline.Create(Guid.NewGuid(), request, actor, now);
            pipeline.Start(now);
            db.DeploymentPipelines.Add(pipeline);
            db.AuditEntries.Add(AuditEntry.ForSubject(Subject(pipeline.Id), "Start", actor,
                $"deploy {request.Version} on {request.Flag}{(request.IsAccelerated ? $", accelerated ×{request.Factor:0.##}" : "")}{(request.SkipsBench ? ", skip bench" : "")}{(request.SkipCanary ? ", skip canary" : "")}",
                now, null, pipeline.State.ToString()));
            if (request.ForceReason is { } reason)
                db.AuditEntries.Add(AuditEntry.ForSubject(Subject(pipeline.Id), "Force", actor, reason, now));
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _startLock.Release();
        }
        logger.LogInformation("Deployment pipeline {Id} of {Version} on {Flag} started by {Actor}", pipeline.Id, pipeline.Version, pipeline.Flag, actor);
        Publish(pipeline);
        Started.Set();
        return pipeline;
    }

    /// <summary>Without an id: the only running pipeline, or a 409 listing them.</summary>
    public async Task<DeploymentPipeline> AbortAsync(Guid? id, string actor, string reason, CancellationToken ct)
    {
        var target = id ?? await OnlyActiveAsync(ct);
        var gate = LockOf(target);
        await gate.WaitAsync(ct);
        try
        {
            DeploymentPipeline pipeline;
            try { pipeline = await SaveAbortAsync(target, actor, reason, ct); }
            catch (DbUpdateConcurrencyException)
            {
                // Saved by someone else between this read and write (not a step: those hold the lock): read it afresh once.
                try { pipeline = await SaveAbortAsync(target, actor, reason, ct); }
                catch (DbUpdateConcurrencyException)
                {
                    throw new LensRequestException("id", $"Pipeline {target} changed while it was being aborted; abort it again.", StatusCodes.Status409Conflict);
                }
            }
            await ToBaselineAsync(pipeline, $"pipeline {pipeline.Id} aborted: {reason}", ct);
            await reports.WriteAsync(pipeline, Plan(pipeline.Request), ct);
            Publish(pipeline);
            return pipeline;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Guid> OnlyActiveAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = await db.DeploymentPipelines.AsNoTracking().Where(p => Active.Contains(p.State)).ToListAsync(ct);
        if (running.Count != 1)
            throw new LensRequestException("id", running.Count == 0 ? "No pipeline is running." :
                $"{running.Count} pipelines are running; say which: {string.Join(", ", running.Select(p => $"{p.Id} ({p.Version} on {p.Flag})"))}.", StatusCodes.Status409Conflict);
        return running[0].Id;
    }

    private async Task<DeploymentPipeline> SaveAbortAsync(Guid id, string actor, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = await db.DeploymentPipelines.FindAsync([id], ct)
            ?? throw new LensRequestException("id", $"There is no pipeline {id}.", StatusCodes.Status404NotFound);
        var now = clock.GetUtcNow();
        var before = pipeline.State;
        try { pipeline.Abort(actor, reason, now); }
        catch (DeploymentTransitionException ex) { throw new LensRequestException("id", ex.Message, StatusCodes.Status409Conflict); }
        db.AuditEntries.Add(AuditEntry.ForSubject(Subject(pipeline.Id), "Abort", actor, reason, now, before.ToString(), pipeline.State.ToString()));
        endWebhooks.Enqueue(db, pipeline, now);
        await db.SaveChangesAsync(ct);
        endWebhooks.Wake();
        return pipeline;
    }

    /// <summary>Every rollout the pipeline started that is still live goes to baseline, and every block's sub-features to 0%.</summary>
    public async Task ToBaselineAsync(DeploymentPipeline pipeline, string reason, CancellationToken ct)
    {
        List<Rollout> live;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            live = await db.Rollouts.AsNoTracking().Where(r => pipeline.Rollouts.Contains(r.Id)).ToListAsync(ct);
        foreach (var rollout in live.Where(r => !r.IsTerminal))
        {
            try { await engine.ActAsync(rollout.Id, RolloutAction.Abort, Actor(pipeline.Id), reason, null, ct); }
            catch (RolloutTransitionException ex) { logger.LogWarning("Rollout {Rollout} of pipeline {Id} was not aborted: {Why}", rollout.Id, pipeline.Id, ex.Message); }
        }
        var names = Plan(pipeline.Request).Blocks.SelectMany(b => b.SubFeatures).ToArray();
        await subFeatures.BaselineAsync(pipeline.Flag, names, ct);
    }

    public async Task<DeploymentPipeline?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DeploymentPipelines.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    public async Task<IReadOnlyList<DeploymentPipeline>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.DeploymentPipelines.AsNoTracking().ToListAsync(ct);
        return [.. all.OrderByDescending(p => p.CreatedAt)];
    }

    public DeploymentStatus StatusOf(DeploymentPipeline pipeline) => DeploymentStatusBuilder.Build(pipeline, Plan(pipeline.Request), reports.Links(pipeline), clock.GetUtcNow());

    public void Publish(DeploymentPipeline pipeline) =>
        events.Publish(new LensEvent(LensEvent.DeploymentChanged, clock.GetUtcNow(), Flag: pipeline.Flag, Detail: pipeline.Id.ToString()));

    public static string Subject(Guid id) => $"deploy:{id}";

    public static string Actor(Guid id) => $"deploy:{id:N}"[..15];
}
