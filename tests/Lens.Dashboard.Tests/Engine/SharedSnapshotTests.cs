using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Features.Wall;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>Open pages share one load per change; a change must never be answered with the load from before it.</summary>
public sealed class SharedSnapshotTests : AppTestBase
{
    [Fact]
    public async Task WallSnapshot_NoChange_SharedThenKillSwitch_Reloaded()
    {
        var snapshots = App.Get<WallSnapshots>();
        var first = await snapshots.GetAsync();
        Assert.Same(first, await snapshots.GetAsync());

        (await Client.PostJsonAsync("/api/killswitch", new { active = true, actor = "oncall", reason = "zero results" })).EnsureSuccessStatusCode();
        var after = await snapshots.GetAsync();

        Assert.NotSame(first, after);
        Assert.Empty(first.KillSwitches);
        Assert.Contains("manual_emergency", after.KillSwitches);
        Assert.Contains(after.Alerts, a => a.Severity == Lens.Core.Alerts.AlertSeverity.Critical);
    }

    [Fact]
    public async Task RolloutDetail_NoChange_SharedThenPause_Reloaded()
    {
        await Client.CreateReleaseAsync();
        var id = Guid.Parse((string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!);
        var details = App.Get<RolloutDetails>();
        var first = await details.GetAsync(id);
        Assert.Same(first, await details.GetAsync(id));

        (await Client.PostJsonAsync($"/api/rollouts/{id}/pause", new { actor = "lead", reason = "look at p99" })).EnsureSuccessStatusCode();
        var after = await details.GetAsync(id);

        Assert.Equal(RolloutState.Running, first!.Rollout.State);
        Assert.Equal(RolloutState.Paused, after!.Rollout.State);
        Assert.Equal("Pause", after.Timeline[0].Action);
    }

    [Fact]
    public async Task RolloutDetail_ManyRolloutsOpened_KeepsOnlyTheMostRecentLoads()
    {
        await Client.CreateReleaseAsync();
        var id = Guid.Parse((string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!);
        var details = App.Get<RolloutDetails>();

        // Months of rollouts opened one after another (unknown ids load as nothing, and are cached all the same).
        var watched = await details.GetAsync(id);
        for (var i = 0; i < 3 * RolloutDetails.Kept; i++)
        {
            await details.GetAsync(Guid.NewGuid());
            // The watched page asks again now and then, as an open page does on each change.
            if (i % 10 == 0) Assert.Same(watched, await details.GetAsync(id));
        }

        Assert.Equal(RolloutDetails.Kept, details.Cached);
        Assert.Same(watched, await details.GetAsync(id));
    }
}
