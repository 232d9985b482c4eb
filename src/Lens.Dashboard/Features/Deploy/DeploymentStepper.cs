using Lens.Core.Deployment;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Moves one running pipeline as far as it can go now, handing each phase to the class that runs it (release, canary,
/// activation). Every step reads the pipeline from the database and saves it back, so a restart resumes exactly where it was.
/// </summary>
public sealed class DeploymentStepper(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    DeploymentService deployments,
    DeploymentReports reports,
    ReleasePhases release,
    CanaryPhases canary,
    ActivationPhases activation,
    DeploymentEndWebhooks endWebhooks,
    ILogger<DeploymentStepper> logger)
{
    /// <summary>Steps every running pipeline once; one pipeline's failure does not stop the others. Answers how many were running.</summary>
    public async Task<int> StepAllAsync(CancellationToken ct)
    {
        List<Guid> running;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            running = await db.DeploymentPipelines.Where(p => p.State == PipelineState.Running).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in running)
        {
            try { await StepAsync(id, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Stepping deployment pipeline {Id} failed", id); }
        }
        return running.Count;
    }

    /// <summary>Runs phases until one has to wait (or the pipeline ends), holding the pipeline against an abort meanwhile.</summary>
    public async Task StepAsync(Guid id, CancellationToken ct)
    {
        var gate = deployments.LockOf(id);
        await gate.WaitAsync(ct);
        try { await StepLockedAsync(id, ct); }
        finally { gate.Release(); }
    }

    private async Task StepLockedAsync(Guid id, CancellationToken ct)
    {
        for (var guard = 0; guard < 20; guard++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pipeline = await db.DeploymentPipelines.FindAsync([id], ct);
            if (pipeline is not { State: PipelineState.Running } || pipeline.Current is not { } current) return;
            var plan = deployments.Plan(pipeline.Request);
            var revision = pipeline.Revision;
            var step = new PhaseStep(pipeline, plan, current, clock.GetUtcNow());
            await RunAsync(step, db, ct);
            if (pipeline.Revision == revision) return;
            endWebhooks.Enqueue(db, pipeline, step.Now);
            await db.SaveChangesAsync(ct);
            if (pipeline.IsTerminal)
            {
                endWebhooks.Wake();
                if (pipeline.State == PipelineState.Failed) await deployments.ToBaselineAsync(pipeline, $"pipeline {pipeline.Id} failed: {pipeline.Cause}", ct);
                await reports.WriteAsync(pipeline, plan, ct);
            }
            deployments.Publish(pipeline);
            if (pipeline.IsTerminal || pipeline.Current?.Phase == current.Phase) return;
        }
    }

    private Task RunAsync(PhaseStep step, LensDbContext db, CancellationToken ct) => step.Phase switch
    {
        DeploymentPhase.TagFreeze => ReleasePhases.TagFreezeAsync(step, db, ct),
        DeploymentPhase.FinalBench => release.FinalBenchAsync(step, db, ct),
        DeploymentPhase.CanaryA or DeploymentPhase.CanaryB or DeploymentPhase.CanaryC => canary.CanaryAsync(step, db, ct),
        DeploymentPhase.CalibrationActivation => activation.CalibrationAsync(step, db, ct),
        DeploymentPhase.Monitoring => activation.MonitoringAsync(step, db, ct),
        DeploymentPhase.Sentinel => activation.SentinelAsync(step, ct),
        DeploymentPhase.FinalCheck => activation.FinalCheckAsync(step, db, ct),
        _ => Task.CompletedTask,
    };
}
