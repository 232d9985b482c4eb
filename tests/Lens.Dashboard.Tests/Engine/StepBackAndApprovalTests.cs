using System.Net;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>Step back, a lead's approval and confirm webhooks, over the real API, engine and database.</summary>
public sealed class StepBackAndApprovalTests : AppTestBase
{
    public StepBackAndApprovalTests() : base(TimeSpan.FromHours(1)) { }

    private static object Stage(double percent, string? onBreach = null, string? approval = null, string[]? confirmUrls = null) =>
        new { percent, minDuration = "00:00:01", onBreach, approval, confirmUrls, gates = new { maxErrorRate = 0.05, minSamples = 10 } };

    private async Task<string> StartAsync(params object[] stages)
    {
        await Client.CreateReleaseAsync();
        return (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: stages)))["id"]!;
    }

    private async Task<System.Text.Json.Nodes.JsonNode> EvaluateAsync(string id, IngestBody? body = null)
    {
        if (body is not null) (await Client.PostAsync("/api/ingest", body.ToContent())).EnsureSuccessStatusCode();
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        return await Client.GetRolloutAsync(id);
    }

    private async Task<string[]> AuditActionsAsync(string id) =>
        (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray().Select(a => (string)a!["action"]!).ToArray();

    [Fact]
    public async Task Evaluate_BreachUnderStepBack_ReturnsToThePreviousShareThenASecondBreachRollsBack()
    {
        var id = await StartAsync(Stage(10), Stage(50, onBreach: "stepBack"), Stage(100));
        await EvaluateAsync(id, new IngestBody("search-ranking").Healthy(20));
        Assert.Equal(1, (int?)(await Client.GetRolloutAsync(id))["stageIndex"]);

        var stepped = await EvaluateAsync(id, new IngestBody("search-ranking").Failing(20));

        Assert.Equal(("Running", 0, 10m), ((string?)stepped["state"], (int?)stepped["stageIndex"], (decimal?)stepped["percent"]));
        Assert.Equal(10m, (decimal?)(await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync())["percent"]);
        Assert.Equal(1, (int?)stepped["stepBackBreaches"]);

        await EvaluateAsync(id, new IngestBody("search-ranking").Healthy(20));
        var rolledBack = await EvaluateAsync(id, new IngestBody("search-ranking").Failing(20));

        Assert.Equal("RolledBack", (string?)rolledBack["state"]);
        Assert.Equal(["Start", "AutoAdvance", "AutoStepBack", "AutoAdvance", "AutoRollback"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task StepBack_ByALead_ReturnsToThePreviousShareAndIsAudited()
    {
        var id = await StartAsync(Stage(10), Stage(50), Stage(100));
        await Client.PostJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(expectedStageIndex: 0));

        var response = await Client.PostJsonAsync($"/api/rollouts/{id}/stepback", Requests.Action(reason: "p99 creeping up"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rollout = await response.JsonAsync();
        Assert.Equal((0, 10m), ((int?)rollout["stageIndex"], (decimal?)rollout["percent"]));
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray()[^1]!;
        Assert.Equal(("StepBack", "p99 creeping up", 1, 0), ((string?)audit["action"], (string?)audit["reason"], (int?)audit["fromStage"], (int?)audit["toStage"]));
    }

    [Theory]
    [InlineData("""{"reason":"x"}""", 409, "state")]
    [InlineData("""{}""", 400, "reason")]
    public async Task StepBack_AtTheFirstStageOrWithoutReason_IsRefusedNamingWhy(string body, int status, string field)
    {
        var id = await StartAsync(Stage(10), Stage(100));

        var response = await Client.PostAsync($"/api/rollouts/{id}/stepback", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        Assert.Equal(["Start"], await AuditActionsAsync(id));
    }

    [Theory]
    [InlineData("onBreach", "sideways", "stages[1].onBreach")]
    [InlineData("onBreach", "stepBack", "stages[0].onBreach")]
    [InlineData("approval", "manager", "stages[1].approval")]
    public async Task Create_BadPolicy_IsRefusedNamingTheField(string key, string value, string field)
    {
        await Client.CreateReleaseAsync();
        var stages = new[] { new Dictionary<string, object> { ["percent"] = 10, ["minDuration"] = "00:01:00" }, new Dictionary<string, object> { ["percent"] = 100, ["minDuration"] = "00:01:00" } };
        stages[field.StartsWith("stages[0]", StringComparison.Ordinal) ? 0 : 1][key] = value;

        var response = await Client.PostJsonAsync("/api/rollouts", new { releaseVersion = "2.4.0", flag = "search-ranking", stages });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Evaluate_StageAskingForApproval_WaitsForALeadThenAdvancesOnApproval()
    {
        var id = await StartAsync(Stage(10, approval: "lead"), Stage(100));

        var waiting = await EvaluateAsync(id, new IngestBody("search-ranking").Healthy(20));

        Assert.Equal((0, "approval by a lead"), ((int?)waiting["stageIndex"], (string?)waiting["waitingFor"]));
        Assert.Null((string?)waiting["actions"]!["approve"]);

        var approved = await (await Client.PostJsonAsync($"/api/rollouts/{id}/approve", Requests.Action(reason: "dashboards fine"))).JsonAsync();

        Assert.Equal(1, (int?)approved["stageIndex"]);
        Assert.Equal(["Start", "Approve", "AutoAdvance"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Approve_StageThatDoesNotAskForIt_Is409()
    {
        var id = await StartAsync(Stage(10), Stage(100));

        var response = await Client.PostJsonAsync($"/api/rollouts/{id}/approve", Requests.Action());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("does not ask for approval", (string?)(await response.JsonAsync())["errors"]!["state"]![0]);
    }

    [Fact]
    public async Task Evaluate_ConfirmReceiverSaysNoOrIsDown_HoldsTheStageUntilItSaysYes()
    {
        var answer = StatusCodes.Status503ServiceUnavailable;
        var asked = new List<string>();
        await using var receiver = new LocalHttpServer(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (asked) asked.Add(body);
            context.Response.StatusCode = answer;
        });
        await receiver.StartAsync();
        var url = receiver.Url("/confirm");
        var id = await StartAsync(Stage(10, confirmUrls: [url]), Stage(100));

        var refused = await EvaluateAsync(id, new IngestBody("search-ranking").Healthy(20));
        Assert.Equal((0, $"confirmation from {url} (answered 503)"), ((int?)refused["stageIndex"], (string?)refused["waitingFor"]));
        Assert.Contains("\"nextPercent\":100", Assert.Single(asked));

        await receiver.StopAsync();
        var unreachable = await EvaluateAsync(id);
        Assert.Equal((0, $"confirmation from {url} (unreachable)"), ((int?)unreachable["stageIndex"], (string?)unreachable["waitingFor"]));

        answer = StatusCodes.Status200OK;
        await receiver.StartAsync();
        var advanced = await EvaluateAsync(id);
        Assert.Equal((1, null), ((int?)advanced["stageIndex"], (string?)advanced["waitingFor"]));
    }

    [Fact]
    public async Task Evaluate_ConfirmReceiverBeforeTheStageIsReady_IsNotAsked()
    {
        var asked = 0;
        await using var receiver = new LocalHttpServer(context => { Interlocked.Increment(ref asked); return Task.CompletedTask; });
        await receiver.StartAsync();
        var id = await StartAsync(Stage(10, confirmUrls: [receiver.Url("/confirm")]), Stage(100));

        await EvaluateAsync(id, new IngestBody("search-ranking").Healthy(3)); // 3 of the 10 samples needed

        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task Create_ConfirmUrlThatIsNotHttp_IsRefusedNamingIt()
    {
        await Client.CreateReleaseAsync();

        var response = await Client.PostJsonAsync("/api/rollouts", Requests.Rollout(stages: [Stage(10, confirmUrls: ["ftp://example/confirm"]), Stage(100)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["stages[0].confirmUrls[0]"]);
    }
}
