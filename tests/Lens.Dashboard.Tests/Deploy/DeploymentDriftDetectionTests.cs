using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>monitoring_config.enable_drift_detection decides whether a long-held drift alarm may roll the pipeline's canary back.</summary>
public sealed class DeploymentDriftDetectionTests : DeployTestBase
{
    private const string Metric = "test.drift_metric";

    // A detector with a known baseline (μ₀ 0, σ 1) tied to the pipeline's flag, so one far value alarms at once.
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Detectors:Watch:tied:Metric"] = Metric, ["Detectors:Watch:tied:Target"] = "0", ["Detectors:Watch:tied:Sigma"] = "1",
        ["Detectors:Watch:tied:Flag"] = Flag,
    };

    [Theory]
    [InlineData(true, 1, RolloutState.RolledBack)]
    [InlineData(false, 0, RolloutState.Running)]
    public async Task DriftRollback_AlarmHeldPastTheLimitDuringBlockA_RollsBackOnlyWhenDriftDetectionIsEnabled(bool enabled, int rolledBack, RolloutState expected)
    {
        var id = await StartAsync(new
        {
            version = "1.2.3", skipBench = true, force = true, reason = "test app has no sentinel",
            config = new { canary_config = new { accelerated_rollout = true }, monitoring_config = new { enable_drift_detection = enabled } },
        });
        await DriveToAsync(id, DeploymentPhase.CanaryA);
        var rolloutId = Assert.Single((await PipelineAsync(id)).Rollouts);
        var detectors = App.Get<DetectorService>();
        await detectors.EnsureConfiguredAsync();
        Assert.Equal(1, await detectors.ObserveAsync(Metric, 50));

        App.Clock.Advance(TimeSpan.FromHours(25));
        var count = await ActivatorUtilities.CreateInstance<DriftRollbackJob>(App.Services).CheckAsync();

        Assert.Equal(rolledBack, count);
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        Assert.Equal(expected, (await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutId)).State);
    }
}
