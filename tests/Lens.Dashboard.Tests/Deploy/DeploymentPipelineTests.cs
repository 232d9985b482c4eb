using System.Net;
using Lens.Core.Deployment;
using Lens.Core.Flags;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

public sealed class DeploymentPipelineTests : DeployTestBase
{
    /// <summary>Forced and without a bench: the test app has no sentinel, no calibration fit and no live bench, so those gates are overridden.</summary>
    private static object Forced(string version = "1.2.3") =>
        new { version, skipBench = true, force = true, reason = "test app has no sentinel", config = new { canary_config = new { accelerated_rollout = true } } };

    private async Task ImpressionsAsync() =>
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostJsonAsync("/api/calibration/impressions",
            new { flag = Flag, variant = "candidate", events = new[] { new { queryId = "q1", score = 0.8, clicked = true, position = 1 } } })).StatusCode);

    private async Task<(int, int, int, int, int, long)> CountsAsync()
    {
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        return (await db.Releases.CountAsync(), await db.Rollouts.CountAsync(), await db.Flags.CountAsync(), await db.DeploymentPipelines.CountAsync(),
            await db.BenchRuns.CountAsync(), await db.AuditEntries.Select(a => (long?)a.Id).MaxAsync() ?? 0);
    }

    [Fact]
    public async Task Start_DryRun_ReturnsThePlanAndLeavesTheDatabaseUnchanged()
    {
        var before = await CountsAsync();

        var response = await Client.PostJsonAsync("/deploy/start", new { version = "9.9.9", dryRun = true, accelerated = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        Assert.Equal(9, plan["phases"]!.AsArray().Count);
        Assert.Equal(720d, (double)plan["factor"]!);
        Assert.Equal("00:02:00", (string?)plan["blocks"]![0]!["stages"]![0]!["minDuration"]);
        Assert.Equal(before, await CountsAsync());
        Assert.False(Directory.Exists(Path.Combine(Folder, "reports")));
    }

    [Fact]
    public async Task Start_WhileAnotherRunsOnTheFlag_Is409NamingIt()
    {
        var first = await StartAsync(Forced());

        var response = await Client.PostJsonAsync("/deploy/start", Forced("1.2.4"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(first.ToString(), (string)(await response.JsonAsync())["errors"]!["flag"]![0]!);
    }

    [Theory]
    [InlineData("""{"version":"1.0.0","config":{"canary_config":{"stage_hours":1}}}""", "config.canary_config.stage_hours")]
    [InlineData("""{"version":"1.0.0","config":{"sentinel_config":{"kill_switch_enabled":"no"}}}""", "config.sentinel_config.kill_switch_enabled")]
    [InlineData("""{"version":"1.0.0","config":{"monitoring_config":{"alert_webhooks":["/hooks/relative"]}}}""", "config.monitoring_config.alert_webhooks[0]")]
    [InlineData("""{"config":{}}""", "version")]
    [InlineData("""{"version":"1.0.0","force":true}""", "reason")]
    public async Task Start_BadRequest_Is400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var before = await CountsAsync();
        var response = await Client.PostAsync("/deploy/start", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Run_Forced_WalksEveryPhaseInOrderWithTheForceAuditedAndAReport()
    {
        await ImpressionsAsync();
        var id = await StartAsync(Forced());

        await DriveToAsync(id, null);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Succeeded, pipeline.State);
        Assert.Equal([PhaseState.Succeeded, PhaseState.Skipped, .. Enumerable.Repeat(PhaseState.Succeeded, 7)], pipeline.Phases.Select(p => p.State));
        Assert.Equal(3, pipeline.Rollouts.Count);
        Assert.Contains(pipeline.Gates, g => g is { Gate: "sentinel_probes", Overridden: true });
        var flag = App.Get<Lens.Dashboard.Features.Flags.FlagDirectory>().Get(Flag)!;
        Assert.All(SubFeatureNames.Known, n => Assert.Equal(100m, flag.Parameters.SubFeatures[n].Percent));
        await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
        {
            var force = await db.AuditEntries.SingleAsync(a => a.Subject == DeploymentService.Subject(id) && a.Action == "Force");
            Assert.Equal("test app has no sentinel", force.Reason);
        }
        var status = await StatusAsync(id);
        var markdown = await Client.GetStringAsync((string)status["reports"]!["completionMarkdown"]!);
        Assert.Contains($"**Gates: {pipeline.Gates.Count(g => g.Passed)}/{pipeline.Gates.Count} passed**", markdown);
        Assert.Contains("FORCED", markdown);
        Assert.Equal("test app has no sentinel", (string?)status["forceReason"]);
    }

    [Fact]
    public async Task Monitoring_BenchSkipped_ArmsNothingFromTheBenchAndSaysSo()
    {
        var id = await StartAsync(Forced());

        await DriveToAsync(id, DeploymentPhase.Sentinel);

        var gate = (await PipelineAsync(id)).Gates.Single(g => g.Phase == DeploymentPhase.Monitoring && g.Gate == "cusum_armed");
        Assert.Contains("None armed from the bench: the final bench was skipped.", gate.Detail);
        Assert.Contains("recall_at_50 (0/10 values learned)", gate.Detail);
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        Assert.Null((await db.Detectors.AsNoTracking().SingleAsync(d => d.Name == "recall_at_50")).Target);
    }

    [Fact]
    public async Task Run_NoBenchAndNoLiveBench_FailsAtFinalBenchWithAFailureReportNamingTheGate()
    {
        var id = await StartAsync(new { version = "1.2.3" });

        await DriveToAsync(id, null);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Failed, pipeline.State);
        Assert.Equal(PhaseState.Failed, pipeline.Phases.Single(p => p.Phase == DeploymentPhase.FinalBench).State);
        var status = await StatusAsync(id);
        var report = await (await Client.GetAsync((string)status["reports"]!["failure"]!)).JsonAsync();
        Assert.Equal("FinalBench", (string?)report["phase"]);
        Assert.Equal("final_bench", (string?)report["failedGates"]![0]!["gate"]);
        Assert.Equal("a passing bench", (string?)report["failedGates"]![0]!["threshold"]);
    }

    [Fact]
    public async Task BlockB_WithoutCalibrationData_HoldsAtTwentyFivePercentUntilItArrives()
    {
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryB);
        var pipeline = await PipelineAsync(id);
        var rolloutB = pipeline.Rollouts[^1];
        await Client.PostJsonAsync($"/api/rollouts/{rolloutB}/promote", Requests.Action(expectedStageIndex: 0));

        await StepAsync(id);

        var rollout = await (await Client.GetAsync($"/api/rollouts/{rolloutB}")).JsonAsync();
        Assert.Equal("Paused", (string?)rollout["state"]);
        Assert.Equal("block B: waiting for calibration data", (await PipelineAsync(id)).Waiting);
        Assert.Equal(25m, App.Get<Lens.Dashboard.Features.Flags.FlagDirectory>().Get(Flag)!.Parameters.SubFeatures[SubFeatureNames.StageBEnabled].Percent);

        await ImpressionsAsync();
        await StepAsync(id);

        Assert.Equal("Running", (string?)(await (await Client.GetAsync($"/api/rollouts/{rolloutB}")).JsonAsync())["state"]);
    }

    /// <summary>
    /// Every phase a pipeline can be caught in here: bench is skipped (the test app has none), and monitoring and sentinel
    /// activation finish within the step that starts them (the aggregate's tests abort in those).
    /// </summary>
    public static TheoryData<DeploymentPhase> AbortablePhases() =>
        [DeploymentPhase.TagFreeze, DeploymentPhase.CanaryA, DeploymentPhase.CanaryB, DeploymentPhase.CanaryC, DeploymentPhase.CalibrationActivation, DeploymentPhase.FinalCheck];

    [Theory]
    [MemberData(nameof(AbortablePhases))]
    public async Task Abort_DuringEachPhase_EndsItAndSendsItsRolloutsToBaseline(DeploymentPhase phase)
    {
        await ImpressionsAsync();
        var id = await StartAsync(Forced());
        if (phase != DeploymentPhase.TagFreeze) await DriveToAsync(id, phase);
        Assert.Equal(phase, (await PipelineAsync(id)).Current!.Phase);

        var response = await Client.PostJsonAsync("/deploy/abort", new { id, reason = "wrong build" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Aborted, pipeline.State);
        Assert.Equal(PhaseState.Aborted, pipeline.Phases.Single(p => p.Phase == phase).State);
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        Assert.All(await db.Rollouts.Where(r => pipeline.Rollouts.Contains(r.Id)).ToListAsync(), r => Assert.True(r.IsTerminal, $"{r.Id} is {r.State}"));
        var flag = App.Get<Lens.Dashboard.Features.Flags.FlagDirectory>().Get(Flag);
        // Block A's rollout makes the flag; only a pipeline caught before that may have none to send back.
        if (phase != DeploymentPhase.TagFreeze) Assert.NotNull(flag);
        if (flag is not null)
        {
            Assert.Equal(0m, flag.Percent);
            Assert.All(flag.Parameters.SubFeatures.Values, s => Assert.Equal(0m, s.Percent));
        }
        var status = await StatusAsync(id);
        Assert.NotNull(status["reports"]!["failure"]);
    }

    [Fact]
    public async Task Abort_MidBlock_ReachesTheStreamAsBaselineWithinOneSecond()
    {
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryA);
        var rollout = (await PipelineAsync(id)).Rollouts[0];
        await Client.PostJsonAsync($"/api/rollouts/{rollout}/promote", Requests.Action(expectedStageIndex: 0));
        await StepAsync(id);
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");
        await stream.NextAsync(f => (string?)f["key"] == Flag && (decimal?)f["percent"] == 25m, TimeSpan.FromSeconds(2));

        // Warm the abort endpoint's cold path first: the requirement is on the rollouts reaching baseline, not on JIT.
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/deploy/abort", new { id = Guid.NewGuid(), reason = "warm-up" })).StatusCode);
        // Listen before sending, and time from the send to the baseline arriving (the failure report is written after that).
        var baseline = stream.NextAsync(f => (string?)f["key"] == Flag && (decimal?)f["percent"] == 0m
            && (decimal?)f["parameters"]?["subFeatures"]?["stageA.native_scanner"]?["percent"] == 0m, TimeSpan.FromSeconds(5));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var abort = Client.PostJsonAsync("/deploy/abort", new { id, reason = "stop now" });
        Assert.NotNull(await baseline);
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, (await abort).StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"took {elapsed}");
    }

    [Fact]
    public async Task Abort_WhileAStepHoldsThePipeline_WaitsForTheStepThenAborts()
    {
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryA);
        var gate = App.Get<DeploymentService>().LockOf(id);
        await gate.WaitAsync();
        Task<HttpResponseMessage> abort;
        try
        {
            abort = Client.PostJsonAsync("/deploy/abort", new { id, reason = "mid-step" });
            // What a step does while it holds the pipeline: read it, move it on, save it.
            await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
            {
                var held = await db.DeploymentPipelines.SingleAsync(p => p.Id == id);
                Assert.Equal(PipelineState.Running, held.State);
                held.WaitFor("a step in flight", null);
                await db.SaveChangesAsync();
            }
            Assert.NotSame(abort, await Task.WhenAny(abort, Task.Delay(TimeSpan.FromMilliseconds(300))));
        }
        finally
        {
            gate.Release();
        }

        Assert.Equal(HttpStatusCode.OK, (await abort).StatusCode);
        Assert.Equal(PipelineState.Aborted, (await PipelineAsync(id)).State);
    }

    [Fact]
    public async Task CanaryBlock_RolloutCreatedButItsAttachLost_IsAdoptedNotCreatedAgain()
    {
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryA);
        var created = Assert.Single((await PipelineAsync(id)).Rollouts);
        // What a step that crashed (or lost a race) after creating block A's rollout but before saving the attach leaves.
        await using (var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext())
            await db.DeploymentPipelines.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Rollouts, (IReadOnlyList<Guid>)Array.Empty<Guid>()));
        Assert.Empty((await PipelineAsync(id)).Rollouts);

        await StepAsync(id);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(DeploymentPhase.CanaryA, pipeline.Current!.Phase);
        Assert.Equal([created], pipeline.Rollouts);
        Assert.DoesNotContain("waits for the flag", pipeline.Waiting ?? "");
    }

    [Fact]
    public async Task Abort_WithoutIdAndTwoRunning_Is409ListingThem()
    {
        var a = await StartAsync(Forced());
        var b = await StartAsync(new { version = "2.0.0", skipBench = true, config = new { flag = "other" } });

        var response = await Client.PostJsonAsync("/deploy/abort", new { reason = "which?" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var message = (string)(await response.JsonAsync())["errors"]!["id"]![0]!;
        Assert.Contains(a.ToString(), message);
        Assert.Contains(b.ToString(), message);
    }

    [Fact]
    public async Task Resume_AfterARestartMidCanary_CarriesOnWhereItWas()
    {
        await ImpressionsAsync();
        var id = await StartAsync(Forced());
        await DriveToAsync(id, DeploymentPhase.CanaryB);
        var rolloutsBefore = (await PipelineAsync(id)).Rollouts;

        Restart();
        await DriveToAsync(id, null);

        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Succeeded, pipeline.State);
        Assert.Equal(rolloutsBefore, pipeline.Rollouts.Take(rolloutsBefore.Count));
        Assert.Equal(3, pipeline.Rollouts.Count);
    }

    [Fact]
    public async Task Status_WithoutId_ListsEveryPipelineNewestFirst()
    {
        var first = await StartAsync(Forced());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await StartAsync(new { version = "2.0.0", config = new { flag = "other" } });

        var list = (await (await Client.GetAsync("/deploy/status")).JsonAsync()).AsArray();

        Assert.Equal([second.ToString(), first.ToString()], list.Select(s => (string?)s!["id"]));
        Assert.Equal("Running", (string?)list[0]!["state"]);
        Assert.Equal(9, list[0]!["phases"]!.AsArray().Count);
    }
}
