using Lens.Dashboard.Hosting;
using System.Text.Json;
using Lens.Core.Deployment;
using Lens.Core.Gates;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// Keeps a demo rollout on screen: creates a release and a short-staged rollout at start, and a new one
/// a little while after each finishes. After an automatic rollback it clears injected faults, so the
/// next demo release starts healthy.
/// </summary>
public sealed class DemoRolloutDirector(
    IOptions<DemoOptions> options,
    IDbContextFactory<LensDbContext> dbFactory,
    RolloutEngine engine,
    DemoFaults faults,
    DemoSearchService search,
    DemoReadiness readiness,
    LensEvents events,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DemoRolloutDirector> logger) : BackgroundService
{
    public const string Actor = "demo";
    public const string PlanName = "demo";

    /// <summary>How far the demo candidate's mean results per query may drift from the target: the deployment guide's ±1.</summary>
    public const double ResultsPerQueryDrift = 1;

    public IReadOnlyList<RolloutStage> Stages()
    {
        // Tuned to the demo's own service (p99 near 45 ms) on a busy two-core host, where scheduler noise alone
        // has pushed a 60-sample p99 to 170 ms: 100 samples so p99 is not one slow request, limits an injected
        // fault clearly breaks, and three failing evaluations in a row to roll back.
        // Results per query: the target is what the healthy service averages over the generator's queries, to one
        // decimal (2.58 over 94 files and 1,594 terms when this was written; the corpus is Lens.Core's own source, so it
        // is measured, not written down). One query returns 1 to 10 results (standard deviation about 2.5), so a
        // 100-query window's mean strays by more than 1 about once in 7,000 windows, and it takes three such
        // evaluations in a row to roll back; capping the candidate's results (a demo fault) breaks it at once.
        var gates = new StageGates(MaxErrorRate: 0.05, MaxP99Ms: 250, MaxP99ToP95: 4.0, MinSamples: 100, FailureLimit: 3,
            TargetResultsPerQuery: ResultsPerQueryTarget(), MaxResultsPerQueryDrift: ResultsPerQueryDrift);
        var hold = options.Value.StageDuration;
        return [new(5m, hold, gates), new(25m, hold, gates), new(50m, hold, gates), new(100m, hold, gates)];
    }

    // A target must be positive; an empty corpus (no terms) would give 0, so it asks for at least 0.1.
    private double ResultsPerQueryTarget() => Math.Max(0.1, Math.Round(search.ExpectedResultsPerQuery(), 1, MidpointRounding.AwayFromZero));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        void OnEvent(LensEvent e)
        {
            if (e.Flag == options.Value.Flag && e.Transition is { Action: RolloutAction.AutoRollback } && faults.Current.Any)
            {
                faults.Set(0, 0, faults.Current.ZeroResults);
                logger.LogInformation("Demo candidate faults cleared after the automatic rollback.");
            }
        }
        events.Published += OnEvent;
        try
        {
            await readiness.Ready.WaitAsync(TimeSpan.FromSeconds(20), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
            do
            {
                try { await EnsureRolloutAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Demo director could not start a rollout"); }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
        finally
        {
            events.Published -= OnEvent;
        }
    }

    private async Task EnsureRolloutAsync(CancellationToken ct)
    {
        var flag = options.Value.Flag;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Rollouts.AsNoTracking().Where(r => r.Flag == flag).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        // A deployment pipeline on the demo's flag has it: the demo's own rollout makes way and starts no new one.
        if (await db.DeploymentPipelines.AnyAsync(p => p.Flag == flag && DeploymentPipeline.UnfinishedStates.Contains(p.State), ct))
        {
            if (latest is { IsTerminal: false, PlanName: PlanName })
                await engine.ActAsync(latest.Id, RolloutAction.Abort, Actor, "a deployment pipeline holds the flag", null, ct);
            return;
        }
        if (latest is { IsTerminal: false }) return;
        if (latest is not null && now - latest.UpdatedAt < options.Value.PauseBetweenRollouts) return;

        var number = await db.Releases.CountAsync(r => r.Version.StartsWith("demo-"), ct) + 1;
        var version = $"demo-{number}.0.0";
        while (await db.Releases.AnyAsync(r => r.Version == version, ct)) version = $"demo-{++number}.0.0";
        var config = JsonSerializer.SerializeToElement(new { ranker = "definitions-first", maxResults = 10, build = number });
        db.Releases.Add(Release.Create(version, config, now));
        await db.SaveChangesAsync(ct);
        await engine.CreateAsync(version, flag, Stages(), planName: PlanName, Actor, ct);
        logger.LogInformation("Demo rollout of {Version} started", version);
    }
}
