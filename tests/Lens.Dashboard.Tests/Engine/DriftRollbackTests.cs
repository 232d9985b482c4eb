using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>A CUSUM alarm held longer than CanaryJudgement:DriftRollbackAfter on a metric tied to a live rollout rolls it back.</summary>
public sealed class DriftRollbackTests : IDisposable
{
    private const string Metric = "test.drift_metric";
    private readonly LensAppFactory _app;
    private readonly HttpClient _client;

    public DriftRollbackTests()
    {
        // A detector with a known baseline (μ₀ 0, σ 1) so one far value alarms at once; tied to the test flag only when asked.
        _app = new LensAppFactory(settings: new Dictionary<string, string?>
        {
            ["Detectors:Watch:tied:Metric"] = Metric, ["Detectors:Watch:tied:Target"] = "0", ["Detectors:Watch:tied:Sigma"] = "1",
            ["Detectors:Watch:tied:Flag"] = "search-ranking",
            ["Detectors:Watch:untied:Metric"] = "test.other_metric", ["Detectors:Watch:untied:Target"] = "0", ["Detectors:Watch:untied:Sigma"] = "1",
        });
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private DriftRollbackJob Job() => ActivatorUtilities.CreateInstance<DriftRollbackJob>(_app.Services);

    private async Task<string> StartRolloutAsync()
    {
        await _client.CreateReleaseAsync();
        return (string)(await _client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "2.00:00:00"), Requests.Stage(100)])))["id"]!;
    }

    [Fact]
    public async Task Check_AlarmHeldPastTheLimitOnATiedMetric_RollsBackWithTheReason()
    {
        var id = await StartRolloutAsync();
        var detectors = _app.Get<DetectorService>();
        await detectors.EnsureConfiguredAsync();
        Assert.Equal(1, await detectors.ObserveAsync(Metric, 50));

        _app.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(0, await Job().CheckAsync());
        Assert.Equal("Running", (string?)(await _client.GetRolloutAsync(id))["state"]);

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Job().CheckAsync());

        var rollout = await _client.GetRolloutAsync(id);
        Assert.Equal(("RolledBack", 0m), ((string?)rollout["state"], (decimal?)rollout["percent"]));
        var audit = (await (await _client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray()[^1]!;
        Assert.Equal(("AutoRollback", "rollout-engine"), ((string?)audit["action"], (string?)audit["actor"]));
        Assert.StartsWith($"Drift alarm on {Metric} (detector tied) has held 24.02 h while this rollout was live, longer than CanaryJudgement:DriftRollbackAfter (24 h); last value 50.",
            (string?)audit["reason"]);
    }

    [Fact]
    public async Task Check_AlarmThatEndedOrIsOnAnUntiedMetric_RollsNothingBack()
    {
        var id = await StartRolloutAsync();
        var detectors = _app.Get<DetectorService>();
        await detectors.EnsureConfiguredAsync();
        await detectors.ObserveAsync("test.other_metric", 50);
        await detectors.ObserveAsync(Metric, 50);
        await detectors.ResetAsync("tied", "alice", "fixed upstream");

        _app.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(0, await Job().CheckAsync());
        Assert.Equal("Running", (string?)(await _client.GetRolloutAsync(id))["state"]);
    }

    [Fact]
    public async Task Check_AlarmOlderThanTheRollout_CountsOnlyTheRolloutsOwnTime()
    {
        var detectors = _app.Get<DetectorService>();
        await detectors.EnsureConfiguredAsync();
        await detectors.ObserveAsync(Metric, 50);
        _app.Clock.Advance(TimeSpan.FromHours(30));
        var id = await StartRolloutAsync();

        _app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await Job().CheckAsync());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await Job().CheckAsync());
        Assert.Equal("RolledBack", (string?)(await _client.GetRolloutAsync(id))["state"]);
    }
}
