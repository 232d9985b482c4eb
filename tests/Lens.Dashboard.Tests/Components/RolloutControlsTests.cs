using Bunit;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Components;

/// <summary>The rollout's buttons, clicked: each asks who and why, and only a confirmed action reaches the engine.</summary>
public sealed class RolloutControlsTests : ComponentTestBase
{
    private async Task<Lens.Core.Rollouts.Rollout> RunningRolloutAsync()
    {
        await Client.CreateReleaseAsync();
        var id = Guid.Parse((string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!);
        return (await App.Get<RolloutDetails>().GetAsync(id))!.Rollout;
    }

    [Fact]
    public async Task Pause_ConfirmedWithNameAndReason_PausesAndAudits()
    {
        var rollout = await RunningRolloutAsync();
        var (dialogs, _) = RenderProviders();
        var cut = Render<RolloutControls>(p => p.Add(c => c.Rollout, rollout));

        cut.Find("[data-testid=action-pause]").Click();
        Answer(dialogs, "ann", "checking a latency bump");

        await HttpTestExtensions.EventuallyAsync(() => Client.GetRolloutAsync(rollout.Id.ToString()), r => (string?)r["state"] == "Paused",
            TimeSpan.FromSeconds(5), "the rollout paused");
        var audit = (await (await Client.GetAsync($"/api/rollouts/{rollout.Id}/audit")).JsonAsync()).AsArray();
        var pause = audit.Single(a => (string?)a!["action"] == "Pause")!;
        Assert.Equal(("ann", "checking a latency bump"), ((string?)pause["actor"], (string?)pause["reason"]));
    }

    [Fact]
    public async Task Rollback_Cancelled_ChangesNothing()
    {
        var rollout = await RunningRolloutAsync();
        var (dialogs, _) = RenderProviders();
        var cut = Render<RolloutControls>(p => p.Add(c => c.Rollout, rollout));

        cut.Find("[data-testid=action-rollback]").Click();
        Answer(dialogs, "ann", "never mind", confirm: false);

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Equal("Running", (string?)(await Client.GetRolloutAsync(rollout.Id.ToString()))["state"]);
    }

    [Fact]
    public async Task ConfirmButton_WithoutAReason_StaysDisabled()
    {
        var rollout = await RunningRolloutAsync();
        var (dialogs, _) = RenderProviders();
        var cut = Render<RolloutControls>(p => p.Add(c => c.Rollout, rollout));

        cut.Find("[data-testid=action-abort]").Click();
        dialogs.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Equal(DefaultUser, dialogs.Find("[data-testid=confirm-actor]").TextContent);

        Assert.True(dialogs.Find("[data-testid=confirm-ok]").HasAttribute("disabled"));
        dialogs.Find("textarea[data-testid=confirm-reason]").Input("wrong flag");
        Assert.False(dialogs.Find("[data-testid=confirm-ok]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task IllegalAction_IsDisabledWithTheReasonOnHover()
    {
        var rollout = await RunningRolloutAsync();
        RenderProviders();

        var cut = Render<RolloutControls>(p => p.Add(c => c.Rollout, rollout));

        Assert.True(cut.Find("[data-testid=action-resume]").HasAttribute("disabled"));
        Assert.Contains("Cannot resume a rollout that is Running", cut.Find("[data-testid=action-wrap-resume]").GetAttribute("title"));
        Assert.False(cut.Find("[data-testid=action-pause]").HasAttribute("disabled"));
    }
}
