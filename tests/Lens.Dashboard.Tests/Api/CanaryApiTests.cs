using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class CanaryApiTests : AppTestBase
{

    [Fact]
    public async Task Status_Progress_AndKillSwitch_WorkUnderTheOperatorsNames()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;

        var status = await (await Client.GetAsync("/canary/status")).JsonAsync();
        Assert.False((bool?)status["killSwitch"]);
        Assert.Equal(id, (string?)Assert.Single(status["rollouts"]!.AsArray())!["id"]);

        var progress = await Client.PostJsonAsync("/canary/progress", new { actor = "lead", reason = "metrics fine", expectedStageIndex = 0 });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Equal(1, (int?)(await progress.JsonAsync())["stageIndex"]);

        var stale = await Client.PostJsonAsync("/canary/progress", new { actor = "lead2", reason = "me too", expectedStageIndex = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var kill = await Client.PostJsonAsync("/canary/killswitch", new { active = true, actor = "oncall", reason = "incident" });
        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        Assert.True((bool?)(await (await Client.GetAsync("/canary/status")).JsonAsync())["killSwitch"]);
    }

    [Fact]
    public async Task Health_WithDatabase_IsHealthy()
    {
        var health = await Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", (string?)(await health.JsonAsync())["status"]);
    }
}
