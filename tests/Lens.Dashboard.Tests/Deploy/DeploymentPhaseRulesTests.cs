using System.Net;
using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>Which release, impressions, detectors and approvals a pipeline's phases take as their own.</summary>
public sealed class DeploymentPhaseRulesTests : DeployTestBase
{
    private const string OtherFlag = "other";

    private static object Forced(string version = "1.2.3", object? canary = null) =>
        new { version, skipBench = true, force = true, reason = "test app has no sentinel", config = new { canary_config = canary ?? new { accelerated_rollout = true } } };

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Detectors:Watch:other_watch:Metric", "other.metric"),
        new("Detectors:Watch:other_watch:Target", "0"),
        new("Detectors:Watch:other_watch:Sigma", "1"),
        new("Detectors:Watch:other_watch:Flag", OtherFlag),
        new("Detectors:Watch:own_watch:Metric", "own.metric"),
        new("Detectors:Watch:own_watch:Target", "0"),
        new("Detectors:Watch:own_watch:Sigma", "1"),
        new("Detectors:Watch:own_watch:Flag", Flag),
    ];

    private async Task RegisterReleaseAsync(string version, object config) =>
        Assert.Equal(HttpStatusCode.Created, (await Client.PostJsonAsync("/api/releases", Requests.Release(version, config))).StatusCode);

    [Fact]
    public async Task TagFreeze_ReleaseRegisteredThroughTheApiAndNoFingerprintInTheConfig_ReusesIt()
    {
        await RegisterReleaseAsync("1.2.3", new { ranker = "bm25" });
        var id = await StartAsync(Forced());

        await StepAsync(id);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PhaseState.Succeeded, pipeline.Phases.Single(p => p.Phase == DeploymentPhase.TagFreeze).State);
        Assert.Contains(pipeline.Gates, g => g is { Gate: "release_fingerprint", Passed: true, Overridden: false });
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        Assert.Equal(1, await db.Releases.CountAsync());
    }

    [Fact]
    public async Task TagFreeze_GivenFingerprintFieldsMatch_ReusesTheReleaseOnAnyFlag()
    {
        await RegisterReleaseAsync("1.2.3", new { git_commit = "abc123", build = "42", ranker = "bm25" });
        var id = await StartAsync(new { version = "1.2.3", skipBench = true, config = new { flag = "elsewhere", fingerprint = new { git_commit = "abc123", build = "42" } } });

        await StepAsync(id);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PhaseState.Succeeded, pipeline.Phases.Single(p => p.Phase == DeploymentPhase.TagFreeze).State);
        Assert.Contains(pipeline.Gates, g => g is { Gate: "release_fingerprint", Passed: true });
    }

    [Fact]
    public async Task TagFreeze_GivenFingerprintFieldDiffers_FailsNamingTheField()
    {
        await RegisterReleaseAsync("1.2.3", new { git_commit = "abc123", build = "42" });
        var id = await StartAsync(new { version = "1.2.3", skipBench = true, config = new { fingerprint = new { git_commit = "def456", build = "42" } } });

        await StepAsync(id);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Failed, pipeline.State);
        var phase = pipeline.Phases.Single(p => p.Phase == DeploymentPhase.TagFreeze);
        Assert.Equal(PhaseState.Failed, phase.State);
        Assert.Contains("fingerprint.git_commit is 'def456' but release 1.2.3 has 'abc123'", pipeline.Cause);
        Assert.DoesNotContain("fingerprint.build", pipeline.Cause);
    }

    [Fact]
    public async Task BlockB_FlagHasOnlyOlderOrOtherVersionsImpressions_HoldsAtTwentyFivePercentUntilThisVersionsArrive()
    {
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryB);
        var pipeline = await PipelineAsync(id);
        var blockStarted = pipeline.Phases.Single(p => p.Phase == DeploymentPhase.CanaryB).StartedAt!.Value;
        var today = DateOnly.FromDateTime(blockStarted.UtcDateTime);
        await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
        {
            // Another version's impressions today, and this version's from before the block began.
            const string insert = "INSERT INTO ImpressionAggregates (Flag, Release, Variant, Day, Score, Impressions, Clicks) VALUES ({0}, {1}, 'candidate', {2}, 0.8, 50, 10)";
            await db.Database.ExecuteSqlRawAsync(insert, [Flag, "0.9.0", today.ToString("yyyy-MM-dd")]);
            await db.Database.ExecuteSqlRawAsync(insert, [Flag, "1.2.3", today.AddDays(-1).ToString("yyyy-MM-dd")]);
        }
        var rolloutB = pipeline.Rollouts[^1];
        await Client.PostJsonAsync($"/api/rollouts/{rolloutB}/promote", Requests.Action(expectedStageIndex: 0));

        await StepAsync(id);

        Rollout held;
        await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
            held = await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutB);
        Assert.Equal(RolloutState.Paused, held.State);
        Assert.Equal(25m, held.CurrentPercent);
        Assert.True(held.AwaitsApproval);
        Assert.Equal("block B: waiting for calibration data", (await PipelineAsync(id)).Waiting);

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostJsonAsync("/api/calibration/impressions",
            new { flag = Flag, variant = "candidate", events = new[] { new { queryId = "q1", score = 0.8, clicked = true, position = 1 } } })).StatusCode);
        await StepAsync(id);

        await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
            held = await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutB);
        Assert.Equal(RolloutState.Running, held.State);
        Assert.False(held.AwaitsApproval);
    }

    [Theory]
    [InlineData("other.metric", true)]
    [InlineData("own.metric", false)]
    public async Task FinalCheck_AlarmOnADetector_FailsCusumQuietOnlyWhenTheDetectorIsTiedToThisFlag(string metric, bool quiet)
    {
        await App.Get<DetectorService>().EnsureConfiguredAsync();
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.FinalCheck);

        Assert.Equal(1, await App.Get<DetectorService>().ObserveAsync(metric, 100));
        await DriveToAsync(id, null);

        var pipeline = await PipelineAsync(id);
        var check = pipeline.Gates.Single(g => g.Gate == "cusum_quiet");
        Assert.Equal(quiet, check.Passed);
        Assert.Equal((double?)(quiet ? 0 : 1), check.Value);
    }

    [Fact]
    public async Task ManualPromotion_EveryBlockStageWaitsForALeadsApproval()
    {
        var id = await StartAsync(Forced(canary: new { accelerated_rollout = true, manual_promotion = true }));
        await DriveToAsync(id, DeploymentPhase.CanaryA);
        await StepAsync(id);

        var pipeline = await PipelineAsync(id);
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        var rollout = await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == pipeline.Rollouts[0]);
        Assert.All(rollout.Stages, s => Assert.Equal(ApprovalPolicy.Lead, s.Approval));
        Assert.True(rollout.AwaitsApproval);
    }
}
