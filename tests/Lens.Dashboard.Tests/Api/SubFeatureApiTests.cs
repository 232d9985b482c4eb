using System.Diagnostics;
using System.Net;
using Lens.Core.Flags;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Api;

public sealed class SubFeatureApiTests : AppTestBase
{
    private async Task SeedAsync()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        var controls = App.Get<SubFeatureControls>();
        await controls.SetSharesAsync("search-ranking", [SubFeatureNames.StageBEnabled, SubFeatureNames.StageBLruCaching], 100m, CancellationToken.None);
        await controls.SetSharesAsync("search-ranking", [SubFeatureNames.StageCEnabled], 25m, CancellationToken.None);
    }

    [Fact]
    public async Task GetFlag_WithSubFeatures_ListsEachWithItsShareBesideCalibration()
    {
        await SeedAsync();

        var flag = await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync();

        var parameters = flag["parameters"]!;
        Assert.Equal(100m, (decimal?)parameters["subFeatures"]!["stageB.lruCaching"]!["percent"]);
        Assert.Equal(25m, (decimal?)parameters["subFeatures"]!["stageC.enabled"]!["percent"]);
        Assert.False((bool)parameters["subFeatures"]!["stageC.enabled"]!["killSwitch"]!);
        Assert.False((bool)parameters["ltrFallback"]!);
    }

    [Fact]
    public async Task SubFeatureKillSwitch_Activated_ReachesTheStreamWithinOneSecondAndLeavesTheRest()
    {
        await SeedAsync();
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");
        await stream.NextAsync(f => (string?)f["key"] == "search-ranking", TimeSpan.FromSeconds(2));
        using var oncall = App.CreateClientAs("oncall");
        // The second is about the change reaching subscribers, not about JIT and first-request set-up on a busy
        // CI machine: a full round trip on another sub-feature warms the endpoint before the timed call.
        await oncall.PostJsonAsync("/api/flags/search-ranking/parameters/stageB.lruCaching/killswitch", new { active = true, reason = "warm-up" });
        await stream.NextAsync(f => (bool?)f["parameters"]?["subFeatures"]?["stageB.lruCaching"]?["killSwitch"] == true, TimeSpan.FromSeconds(10));
        await oncall.PostJsonAsync("/api/flags/search-ranking/parameters/stageB.lruCaching/killswitch", new { active = false, reason = "warm-up" });
        await stream.NextAsync(f => (bool?)f["parameters"]?["subFeatures"]?["stageB.lruCaching"]?["killSwitch"] == false, TimeSpan.FromSeconds(10));

        // From sending the POST to the event arriving on the already open stream; the wait's own timeout is longer
        // only so a slow run reports how slow it was instead of a bare cancellation.
        var clock = Stopwatch.StartNew();
        var post = oncall.PostJsonAsync("/api/flags/search-ranking/parameters/stageC.enabled/killswitch", new { active = true, reason = "dedup drops results" });
        var update = await stream.NextAsync(f => (bool?)f["parameters"]?["subFeatures"]?["stageC.enabled"]?["killSwitch"] == true, TimeSpan.FromSeconds(10));
        var reached = clock.Elapsed;
        var response = await post;

        Assert.True(reached < TimeSpan.FromSeconds(1), $"took {reached}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0m, (decimal?)update["parameters"]!["subFeatures"]!["stageC.enabled"]!["percent"]);
        Assert.Equal(100m, (decimal?)update["parameters"]!["subFeatures"]!["stageB.enabled"]!["percent"]);
        Assert.Equal(10m, (decimal?)update["percent"]);
        Assert.False((bool)update["killSwitch"]!);

        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Subject == SubFeatureControls.Subject("search-ranking", "stageC.enabled"));
        Assert.Equal(("KillSwitchOn", "dedup drops results", "token:test-oncall"), (audit.Action, audit.Reason, audit.Actor));

        await oncall.PostJsonAsync("/api/flags/search-ranking/parameters/stageC.enabled/killswitch", new { active = false, reason = "fixed" });
        var released = await stream.NextAsync(f => (bool?)f["parameters"]?["subFeatures"]?["stageC.enabled"]?["killSwitch"] == false, TimeSpan.FromSeconds(1));
        Assert.Equal(25m, (decimal?)released["parameters"]!["subFeatures"]!["stageC.enabled"]!["percent"]);
    }

    [Theory]
    [InlineData("stageC.enabled", """{"reason":"r"}""", "active")]
    [InlineData("stageC.enabled", """{"active":true}""", "reason")]
    [InlineData("stage C", """{"active":true,"reason":"r"}""", "name")]
    public async Task SubFeatureKillSwitch_BadRequest_Returns400NamingTheField(string name, string json, string field)
    {
        await SeedAsync();

        var response = await Client.PostAsync($"/api/flags/search-ranking/parameters/{Uri.EscapeDataString(name)}/killswitch",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task SubFeatureKillSwitch_UnknownFlag_Returns404NamingTheKey()
    {
        var response = await Client.PostJsonAsync("/api/flags/ghost/parameters/stageC.enabled/killswitch", new { active = true, reason = "r" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["key"]);
    }

    [Fact]
    public async Task SubFeatureKillSwitch_Viewer_IsForbidden()
    {
        await SeedAsync();
        using var viewer = App.CreateClientAs("viewer");

        var response = await viewer.PostJsonAsync("/api/flags/search-ranking/parameters/stageC.enabled/killswitch", new { active = true, reason = "r" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
