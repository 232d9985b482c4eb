using Lens.Core.Alerts;
using Lens.Core.Deployment;
using Lens.Core.Flags;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>
/// sentinel_config.kill_switch_enabled: a running pipeline that says false keeps the sentinel from pulling
/// zero_results_emergency on its own, whichever path ran the round; probes, their alerts and the pipeline's gate stay as they were.
/// </summary>
public sealed class DeploymentSentinelKillSwitchTests : IAsyncLifetime
{
    private readonly SearchEndpoint _search = new();
    private Pipelines _deploy = default!;

    public async ValueTask InitializeAsync()
    {
        await _search.Server.StartAsync();
        _deploy = new Pipelines(new Dictionary<string, string?> { ["Sentinel:Endpoint"] = _search.Server.Url("/search?q={query}") });
        // Rounds are run by the tests on the fake clock; the scheduled job would race them.
        var scheduler = await _deploy.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseJob(JobSchedule.KeyOf<SentinelProbeJob>());
    }

    public async ValueTask DisposeAsync()
    {
        _deploy.Dispose();
        await _search.Server.DisposeAsync();
    }

    [Fact]
    public async Task RunRound_RunningPipelineWithKillSwitchDisabledAndProbesFailing_RecordsAndAlertsButLeavesKillSwitchOff()
    {
        var id = await _deploy.StartAsync(KillSwitch(enabled: false));
        _search.ZeroResults = true;

        var runs = await _deploy.Get<SentinelService>().RunRoundAsync();

        Assert.All(runs, r => Assert.Equal(ProbeOutcome.ZeroResults, r.Outcome));
        Assert.False(await _deploy.ZeroResultsActiveAsync());
        Assert.Equal(2, await _deploy.CountAsync(db => db.ProbeRuns.CountAsync()));
        var alerts = await _deploy.OpenAlertsAsync();
        Assert.Equal(2, alerts.Count(a => a is { Source: AlertSource.Probe, Severity: AlertSeverity.High }));
        var withheld = Assert.Single(alerts, a => a.Key == SentinelService.WithheldAlertKey);
        Assert.Equal(AlertSeverity.Critical, withheld.Severity);
        Assert.Contains("withheld by the config of pipeline " + id, withheld.Detail);
        Assert.Contains("kill_switch_enabled: false", withheld.Detail);
    }

    [Fact]
    public async Task RunIfDue_ScheduledRoundWhilePipelineWithholds_LeavesKillSwitchOff()
    {
        await _deploy.StartAsync(KillSwitch(enabled: false));
        _search.ZeroResults = true;

        Assert.True(await _deploy.Get<SentinelService>().RunIfDueAsync());

        Assert.False(await _deploy.ZeroResultsActiveAsync());
        Assert.Contains(await _deploy.OpenAlertsAsync(), a => a.Key == SentinelService.WithheldAlertKey);
    }

    [Fact]
    public async Task RunRound_ProbesPassAgainAfterAWithheldTrip_ResolvesTheWithheldAlert()
    {
        await _deploy.StartAsync(KillSwitch(enabled: false));
        _search.ZeroResults = true;
        var sentinel = _deploy.Get<SentinelService>();
        await sentinel.RunRoundAsync();
        Assert.Contains(await _deploy.OpenAlertsAsync(), a => a.Key == SentinelService.WithheldAlertKey);

        _search.ZeroResults = false;
        _deploy.Advance(TimeSpan.FromMinutes(1));
        await sentinel.RunRoundAsync();

        Assert.DoesNotContain(await _deploy.OpenAlertsAsync(), a => a.Key == SentinelService.WithheldAlertKey);
        Assert.False(await _deploy.ZeroResultsActiveAsync());
    }

    [Fact]
    public async Task RunRound_WithholdingPipelineAborted_TripsKillSwitchAgain()
    {
        var id = await _deploy.StartAsync(KillSwitch(enabled: false));
        _search.ZeroResults = true;
        var sentinel = _deploy.Get<SentinelService>();
        await sentinel.RunRoundAsync();
        Assert.False(await _deploy.ZeroResultsActiveAsync());

        await _deploy.AbortAsync(id);
        _deploy.Advance(TimeSpan.FromMinutes(1));
        await sentinel.RunRoundAsync();

        Assert.True(await _deploy.ZeroResultsActiveAsync());
    }

    [Fact]
    public async Task SentinelPhase_KillSwitchDisabledAndProbesFailing_GateFailsButKillSwitchStaysOff()
    {
        var id = await _deploy.StartAsync(KillSwitch(enabled: false, forced: true));
        // The step that ends the calibration holdout runs monitoring and the sentinel phase straight after it.
        await _deploy.DriveToAsync(id, DeploymentPhase.CalibrationActivation);
        _search.ZeroResults = true;

        await _deploy.DriveToAsync(id, DeploymentPhase.FinalCheck);

        var gate = (await _deploy.PipelineAsync(id)).Gates.Single(g => g.Gate == "sentinel_probes");
        Assert.False(gate.Passed);
        Assert.False(await _deploy.ZeroResultsActiveAsync());
        Assert.Contains(await _deploy.OpenAlertsAsync(), a => a.Key == SentinelService.WithheldAlertKey && a.Detail.Contains(id.ToString()));
    }

    [Fact]
    public async Task RunRound_AcceleratedPipelineRunning_ReleasesItsTripAfterTheRecoveryPeriodDividedByTheFactor()
    {
        await _deploy.StartAsync(new { version = "1.2.3", skipBench = true, config = new { canary_config = new { accelerated_rollout = true } } });
        _search.ZeroResults = true;
        var sentinel = _deploy.Get<SentinelService>();
        await sentinel.RunRoundAsync();
        Assert.True(await _deploy.ZeroResultsActiveAsync());

        // Sentinel:RecoveryPeriod is 30 min; divided by the default factor 720 it is 2.5 s of passing probes.
        _search.ZeroResults = false;
        for (var second = 0; second < 5; second++)
        {
            _deploy.Advance(TimeSpan.FromSeconds(1));
            await sentinel.RunRoundAsync();
        }

        Assert.False(await _deploy.ZeroResultsActiveAsync());
    }

    private static object KillSwitch(bool enabled, bool forced = false) => forced
        ? new { version = "1.2.3", skipBench = true, force = true, reason = "test app has no calibration fit",
            config = new { canary_config = new { accelerated_rollout = true }, sentinel_config = new { kill_switch_enabled = enabled } } }
        : new { version = "1.2.3", skipBench = true, config = new { sentinel_config = new { kill_switch_enabled = enabled } } };

    /// <summary>A real search endpoint for the probes: answers with spans until told to answer nothing.</summary>
    private sealed class SearchEndpoint
    {
        public volatile bool ZeroResults;

        public SearchEndpoint() => Server = new LocalHttpServer(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ZeroResults ? """{"results": []}""" : """{"results": [{"file": "src/Parser.cs", "line": 12}]}""");
        });

        public LocalHttpServer Server { get; }
    }

    private sealed class Pipelines(IReadOnlyDictionary<string, string?> settings) : DeployTestBase(settings: settings)
    {
        public T Get<T>() where T : notnull => App.Get<T>();

        public void Advance(TimeSpan by) => App.Clock.Advance(by);

        public new Task<Guid> StartAsync(object body) => base.StartAsync(body);

        public new Task StepAsync(Guid id) => base.StepAsync(id);

        public new Task DriveToAsync(Guid id, DeploymentPhase? phase, int maxSteps = 200) => base.DriveToAsync(id, phase, maxSteps);

        public new Task<DeploymentPipeline> PipelineAsync(Guid id) => base.PipelineAsync(id);

        public async Task AbortAsync(Guid id)
        {
            var response = await Client.PostJsonAsync("/deploy/abort", new { id, reason = "test over" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<T> CountAsync<T>(Func<LensDbContext, Task<T>> read)
        {
            await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
            return await read(db);
        }

        public Task<bool> ZeroResultsActiveAsync() =>
            CountAsync(db => db.KillSwitches.AsNoTracking().AnyAsync(k => k.Name == Lens.Core.Flags.KillSwitch.ZeroResultsEmergency && k.Active));

        public Task<List<Alert>> OpenAlertsAsync() =>
            CountAsync(async db => (await db.Alerts.AsNoTracking().ToListAsync()).Where(a => a.IsOpen).ToList());
    }
}
