using System.Net;
using System.Net.Http.Json;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class RolloutsApiTests : AppTestBase
{

    [Fact]
    public async Task Post_NamedPlan_StartsAtFirstStageAndDrivesTheFlag()
    {
        await Client.CreateReleaseAsync();
        var response = await Client.PostAsJsonAsync("/api/rollouts", new { releaseVersion = "2.4.0", flag = "search-ranking", plan = "canary-ramp-rollout" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rollout = await response.JsonAsync();
        Assert.Equal("Running", (string?)rollout["state"]);
        Assert.Equal(0, (int?)rollout["stageIndex"]);
        Assert.Equal(1m, (decimal?)rollout["percent"]);
        Assert.Equal(3, rollout["stages"]!.AsArray().Count);
        Assert.Equal("02:00:00", (string?)rollout["stages"]![0]!["minDuration"]);

        var flag = await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync();
        Assert.Equal(1m, (decimal?)flag["percent"]);
        Assert.False((bool?)flag["killSwitch"]);
        Assert.Equal(16, ((string?)flag["salt"])!.Length);
    }

    [Fact]
    public async Task Post_CustomStages_KeepsSecondsAndHundredthsOfAPercent()
    {
        await Client.CreateReleaseAsync();
        var rollout = await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(0.25, "00:00:07"), Requests.Stage(100, "00:01:00")]));
        Assert.Equal(0.25m, (decimal?)rollout["percent"]);
        Assert.Equal("00:00:07", (string?)rollout["stages"]![0]!["minDuration"]);
    }

    [Theory]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30"},{"percent":5,"minDuration":"00:00:30"}]}""", "stages[1].percent")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10}]}""", "stages[0].minDuration")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"soon"}]}""", "stages[0].minDuration")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","plan":"yolo"}""", "plan")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"bad flag!","plan":"three-block"}""", "flag")]
    [InlineData("""{"flag":"f","plan":"three-block"}""", "releaseVersion")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30","gates":{"maxErrorRate":2}}]}""", "stages[0].gates.maxErrorRate")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30","gates":{"targetResultsPerQuery":5}}]}""", "stages[0].gates.maxResultsPerQueryDrift")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30","gates":{"maxResultsPerQueryDrift":1}}]}""", "stages[0].gates.targetResultsPerQuery")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30","gates":{"targetResultsPerQuery":0,"maxResultsPerQueryDrift":1}}]}""", "stages[0].gates.targetResultsPerQuery")]
    [InlineData("""{"releaseVersion":"2.4.0","flag":"f","stages":[{"percent":10,"minDuration":"00:00:30","gates":{"targetResultsPerQuery":5,"maxResultsPerQueryDrift":-1}}]}""", "stages[0].gates.maxResultsPerQueryDrift")]
    public async Task Post_BadRollout_Returns400NamingTheField(string json, string field)
    {
        await Client.CreateReleaseAsync();
        var response = await Client.PostAsync("/api/rollouts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains(field, errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Post_UnknownRelease_Returns422()
    {
        var response = await Client.PostAsJsonAsync("/api/rollouts", Requests.Rollout(releaseVersion: "9.9.9"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["releaseVersion"]);
    }

    [Fact]
    public async Task Post_SecondRolloutOnBusyFlag_Returns409()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        var response = await Client.PostAsJsonAsync("/api/rollouts", Requests.Rollout());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["flag"]);
    }

    [Fact]
    public async Task Actions_FollowTheStateMachine_AndIllegalOnesGet409WithReason()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;

        var pause = await Client.PostAsJsonAsync($"/api/rollouts/{id}/pause", Requests.Action(reason: "checking dashboards"));
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal("Paused", (string?)(await pause.JsonAsync())["state"]);

        var promote = await Client.PostAsJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(expectedStageIndex: 0));
        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
        var problem = await promote.JsonAsync();
        Assert.Contains("Paused", (string?)problem["detail"]);

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync($"/api/rollouts/{id}/resume", Requests.Action())).StatusCode);
        var promoted = await Client.PostAsJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(expectedStageIndex: 0));
        Assert.Equal(50m, (decimal?)(await promoted.JsonAsync())["percent"]);

        var rollback = await Client.PostAsJsonAsync($"/api/rollouts/{id}/rollback", Requests.Action(reason: "customer reports"));
        Assert.Equal("RolledBack", (string?)(await rollback.JsonAsync())["state"]);
        Assert.Equal(0m, (decimal?)(await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync())["percent"]);

        var abort = await Client.PostAsJsonAsync($"/api/rollouts/{id}/abort", Requests.Action());
        Assert.Equal(HttpStatusCode.Conflict, abort.StatusCode);

        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Equal(["Start", "Pause", "Resume", "Promote", "Rollback"], audit.Select(a => (string)a!["action"]!));
        Assert.Equal("customer reports", (string?)audit[4]!["reason"]);
        // The body said "alice"; the audit log records who was authenticated: the test's admin token.
        Assert.Equal("token:test-admin", (string?)audit[4]!["actor"]);
    }

    [Theory]
    [InlineData("pause", "{}", "reason")]
    [InlineData("rollback", """{"actor":"a"}""", "reason")]
    [InlineData("promote", """{"actor":"a","reason":"r"}""", "expectedStageIndex")]
    public async Task Action_MissingField_Returns400NamingIt(string action, string json, string field)
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;
        var response = await Client.PostAsync($"/api/rollouts/{id}/{action}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Action_UnknownRollout_Returns404()
    {
        var response = await Client.PostAsJsonAsync($"/api/rollouts/{Guid.NewGuid()}/pause", Requests.Action());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Promote_TenLeadsAtOnceOnTheSameStage_MakesExactlyOneTransition()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Client.PostAsJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(actor: $"lead-{i}", expectedStageIndex: 0))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal(1, (int?)rollout["stageIndex"]);
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Single(audit, a => (string?)a!["action"] == "Promote");
    }

    [Fact]
    public async Task Get_Rollout_ShowsAllowedActionsWithReasons()
    {
        await Client.CreateReleaseAsync();
        var rollout = await Client.CreateRolloutAsync(Requests.Rollout());
        Assert.Null(rollout["actions"]!["pause"]);
        Assert.Contains("Running", (string?)rollout["actions"]!["resume"]);
    }
}
