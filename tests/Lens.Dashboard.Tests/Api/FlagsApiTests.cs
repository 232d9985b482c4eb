using System.Diagnostics;
using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class FlagsApiTests : AppTestBase
{

    [Fact]
    public async Task Stream_OnConnect_SendsCurrentFlagsThenEveryChange()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");

        var current = await stream.NextAsync(f => (string?)f["key"] == "search-ranking", TimeSpan.FromSeconds(2));
        Assert.Equal(10m, (decimal?)current["percent"]);

        await Client.PostJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(expectedStageIndex: 0));
        var promoted = await stream.NextAsync(f => (decimal?)f["percent"] == 50m, TimeSpan.FromSeconds(1));
        Assert.True((long)promoted["version"]! > (long)current["version"]!);
    }

    [Fact]
    public async Task KillSwitch_Activated_ReachesStreamSubscribersWithinOneSecondAsBaseline()
    {
        await Client.CreateReleaseAsync("1.0.0");
        await Client.CreateReleaseAsync("2.0.0");
        await Client.CreateRolloutAsync(Requests.Rollout("flag-a", "1.0.0"));
        await Client.CreateRolloutAsync(Requests.Rollout("flag-b", "2.0.0"));
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");
        await stream.NextAsync(f => (string?)f["key"] == "flag-b", TimeSpan.FromSeconds(2));
        // The second is about the change reaching subscribers, not about JIT and first-request set-up on a busy
        // CI machine (a cold first call once took 12.9 s): an untimed on/off round trip warms the endpoint first.
        await Client.PostJsonAsync("/api/killswitch", new { active = true, actor = "oncall", reason = "warm-up" });
        await stream.NextAsync(f => (string?)f["key"] == "flag-b" && (bool)f["killSwitch"]!, TimeSpan.FromSeconds(10));
        await Client.PostJsonAsync("/api/killswitch", new { active = false, actor = "oncall", reason = "warm-up" });
        await stream.NextAsync(f => (string?)f["key"] == "flag-b" && !(bool)f["killSwitch"]!, TimeSpan.FromSeconds(10));

        // From sending the POST to both events arriving on the already open stream; the waits' own timeouts are longer
        // only so a slow run reports how slow it was instead of a bare cancellation.
        var clock = Stopwatch.StartNew();
        var post = Client.PostJsonAsync("/api/killswitch", new { active = true, actor = "oncall", reason = "zero results in prod" });
        var a = await stream.NextAsync(f => (string?)f["key"] == "flag-a" && (bool)f["killSwitch"]!, TimeSpan.FromSeconds(10));
        var b = await stream.NextAsync(f => (string?)f["key"] == "flag-b" && (bool)f["killSwitch"]!, TimeSpan.FromSeconds(10));
        var reached = clock.Elapsed;
        var response = await post;
        Assert.True(reached < TimeSpan.FromSeconds(1), $"took {reached}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0m, (decimal?)a["percent"]);
        Assert.Equal(0m, (decimal?)b["percent"]);

        await Client.PostJsonAsync("/api/killswitch", new { active = false, actor = "oncall", reason = "fixed" });
        var restored = await stream.NextAsync(f => (string?)f["key"] == "flag-a" && !(bool)f["killSwitch"]!, TimeSpan.FromSeconds(1));
        Assert.Equal(10m, (decimal?)restored["percent"]);
    }

    [Theory]
    [InlineData("""{"actor":"a","reason":"r"}""", "active")]
    [InlineData("""{"active":true,"actor":"a"}""", "reason")]
    [InlineData("""{"active":true,"actor":"a","reason":"r","name":"nope"}""", "name")]
    public async Task KillSwitch_BadRequest_Returns400NamingTheField(string json, string field)
    {
        var response = await Client.PostAsync("/api/killswitch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task GetFlag_Unknown_Returns404Problem()
    {
        var response = await Client.GetAsync("/api/flags/ghost");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["key"]);
    }
}
