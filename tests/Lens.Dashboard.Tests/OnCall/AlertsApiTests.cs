using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.OnCall;

public sealed class AlertsApiTests : AppTestBase
{
    private async Task<JsonNode> RaiseAsync(string severity, string title, string? key = null)
    {
        var response = await Client.PostJsonAsync("/api/alerts", new { severity, title, actor = "tester", key });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonArray> ListAsync(string query) => (await (await Client.GetAsync("/api/alerts" + query)).JsonAsync()).AsArray();

    [Fact]
    public async Task Acknowledge_ThenResolve_RecordsWhoAndWhyAtEachStep()
    {
        var id = (string)(await RaiseAsync("HIGH", "Shard 3 slow"))["id"]!;
        using var ann = await SignedInClient.CreateAsync(App, "ann", ["oncall"]);
        using var bo = await SignedInClient.CreateAsync(App, "bo", ["oncall"]);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        // A typed actor is accepted for old callers, but the signed-in identity is what is recorded.
        var acked = await (await ann.PostJsonAsync($"/api/alerts/{id}/acknowledge", new { actor = "someone-else", reason = "investigating" })).JsonAsync();
        Assert.Equal(("Acknowledged", "ann", "investigating"), ((string?)acked["state"], (string?)acked["acknowledgedBy"], (string?)acked["acknowledgeReason"]));
        var resolved = await (await bo.PostJsonAsync($"/api/alerts/{id}/resolve", new { reason = "replica replaced" })).JsonAsync();
        Assert.Equal(("Resolved", "bo", "replica replaced"), ((string?)resolved["state"], (string?)resolved["resolvedBy"], (string?)resolved["resolveReason"]));
        Assert.Equal("ann", (string?)resolved["acknowledgedBy"]);
    }

    [Fact]
    public async Task Acknowledge_Twice_Is409NamingTheState()
    {
        var id = (string)(await RaiseAsync("WARN", "Queue backlog"))["id"]!;
        (await Client.PostJsonAsync($"/api/alerts/{id}/acknowledge", new { actor = "ann", reason = "mine" })).EnsureSuccessStatusCode();
        var again = await Client.PostJsonAsync($"/api/alerts/{id}/acknowledge", new { actor = "bo", reason = "mine too" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.JsonAsync();
        Assert.Contains("Acknowledged", (string?)problem["errors"]!["state"]![0]);
    }

    [Fact]
    public async Task Acknowledge_WithoutReason_Is400NamingIt()
    {
        var id = (string)(await RaiseAsync("WARN", "Queue backlog"))["id"]!;
        var response = await Client.PostJsonAsync($"/api/alerts/{id}/acknowledge", new { actor = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["reason"], errors.Select(e => e.Key));
        Assert.Equal("Raised", (string?)(await (await Client.GetAsync($"/api/alerts/{id}")).JsonAsync())["state"]);
    }

    [Fact]
    public async Task Raise_SameKeyRepeated_IsGroupedAndCounted()
    {
        var first = await RaiseAsync("WARN", "Disk 80%", key: "disk:shard-1");
        await RaiseAsync("WARN", "Disk 85%", key: "disk:shard-1");
        var third = await RaiseAsync("HIGH", "Disk 95%", key: "disk:shard-1");
        Assert.Equal((string?)first["id"], (string?)third["id"]);
        Assert.Equal((3, "High", "Disk 95%"), ((int?)third["count"], (string?)third["severity"], (string?)third["title"]));
        Assert.Single(await ListAsync("?state=open"));
    }

    [Fact]
    public async Task List_OpenAlerts_AreMostSevereFirstAndFilterable()
    {
        await RaiseAsync("INFO", "Advanced");
        await RaiseAsync("CRITICAL", "Search down");
        var warn = (string)(await RaiseAsync("WARN", "Slow shard"))["id"]!;
        await RaiseAsync("HIGH", "Drift");
        (await Client.PostJsonAsync($"/api/alerts/{warn}/resolve", new { actor = "a", reason = "b" })).EnsureSuccessStatusCode();

        Assert.Equal(["Critical", "High", "Info"], (await ListAsync("?state=open")).Select(a => (string)a!["severity"]!));
        Assert.Equal(["Search down", "Drift"], (await ListAsync("?state=open&severity=high")).Select(a => (string)a!["title"]!));
        Assert.Equal(["Slow shard"], (await ListAsync("?state=resolved")).Select(a => (string)a!["title"]!));
        Assert.Equal(["Search down"], (await ListAsync("?q=down")).Select(a => (string)a!["title"]!));
        Assert.Equal(4, (await ListAsync("")).Count);
    }

    [Fact]
    public async Task List_UnknownFilters_Are400NamingEachField()
    {
        var response = await Client.GetAsync("/api/alerts?state=sleeping&severity=loud&source=moon");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["severity", "source", "state"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task KillSwitch_ActivatedThenDeactivated_RaisesCriticalThenResolvesWithTheReason()
    {
        using var sre = await SignedInClient.CreateAsync(App, "sre", ["oncall"]);
        (await sre.PostJsonAsync("/api/killswitch", new { name = "search_system_failure", active = true, reason = "5xx everywhere" })).EnsureSuccessStatusCode();
        var alert = Assert.Single(await ListAsync("?state=open"))!;
        Assert.Equal(("Critical", "KillSwitch", "killswitch:search_system_failure"), ((string?)alert["severity"], (string?)alert["source"], (string?)alert["key"]));
        Assert.Contains("5xx everywhere", (string?)alert["detail"]);
        (await sre.PostJsonAsync("/api/killswitch", new { name = "search_system_failure", active = false, reason = "upstream fixed" })).EnsureSuccessStatusCode();
        var resolved = await (await Client.GetAsync($"/api/alerts/{alert["id"]}")).JsonAsync();
        Assert.Equal(("Resolved", "sre"), ((string?)resolved["state"], (string?)resolved["resolvedBy"]));
        Assert.Contains("upstream fixed", (string?)resolved["resolveReason"]);
    }

    [Fact]
    public async Task AutomaticRollback_RaisesHighAlertWithReleaseStageAndGateValues()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, minSamples: 50), Requests.Stage(100)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(40).Failing(20).ToContent());
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        Assert.Equal("RolledBack", (string?)(await Client.GetRolloutAsync(id))["state"]);

        var alert = Assert.Single(await ListAsync("?source=rollout&severity=high"))!;
        Assert.Equal((id, "2.4.0", 0), ((string?)alert["rolloutId"], (string?)alert["release"], (int?)alert["stage"]));
        Assert.Contains(alert["gates"]!.AsArray(), g => (string?)g!["verdict"] == "Fail");
    }

    [Fact]
    public async Task StageShortOfData_PastMinimumPlusGrace_RaisesOneWarnStuckAlert()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:05:00", minSamples: 500), Requests.Stage(100)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(10).ToContent());
        var engine = App.Get<RolloutEngine>();
        App.Clock.Advance(TimeSpan.FromMinutes(19));
        await engine.EvaluateRunningAsync();
        Assert.Empty(await ListAsync("?source=stuckStage"));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await engine.EvaluateRunningAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.EvaluateRunningAsync();
        var stuck = Assert.Single(await ListAsync("?source=stuckStage"))!;
        Assert.Equal(("Warn", id, 2), ((string?)stuck["severity"], (string?)stuck["rolloutId"], (int?)stuck["count"]));
    }

    [Fact]
    public async Task AutomaticAdvance_IsKeptInHistoryNotAmongActiveAlerts()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:00", minSamples: 50), Requests.Stage(100)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(60).ToContent());
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        Assert.Equal(1, (int?)(await Client.GetRolloutAsync(id))["stageIndex"]);

        Assert.Empty(await ListAsync("?state=open"));
        var advance = Assert.Single(await ListAsync("?state=all&source=rollout"))!;
        Assert.Equal(("Info", "Resolved", "lens"), ((string?)advance["severity"], (string?)advance["state"], (string?)advance["resolvedBy"]));
        Assert.Contains("advanced to stage 2", (string?)advance["title"]);
    }

    [Fact]
    public async Task AcknowledgeMany_SomeAlreadyAcknowledged_AcknowledgesTheRestAndReportsTheSkipped()
    {
        var a = (string)(await RaiseAsync("HIGH", "Shard 1 slow"))["id"]!;
        var b = (string)(await RaiseAsync("HIGH", "Shard 2 slow"))["id"]!;
        var c = (string)(await RaiseAsync("WARN", "Shard 3 slow"))["id"]!;
        (await Client.PostJsonAsync($"/api/alerts/{b}/acknowledge", new { actor = "bo", reason = "mine" })).EnsureSuccessStatusCode();

        using var ann = await SignedInClient.CreateAsync(App, "ann", ["oncall"]);
        var response = await ann.PostJsonAsync("/api/alerts/acknowledge", new { ids = new[] { a, b, c }, reason = "one incident: shard rebalance" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(new[] { a, c }.Order(), result["acknowledged"]!.AsArray().Select(i => (string)i!).Order());
        var skipped = Assert.Single(result["skipped"]!.AsArray())!;
        Assert.Equal((b, "Acknowledged"), ((string?)skipped["id"], (string?)skipped["state"]));
        var open = await ListAsync("?state=open");
        Assert.All(open, alert => Assert.Equal("Acknowledged", (string?)alert!["state"]));
        Assert.Equal(2, open.Count(alert => (string?)alert!["acknowledgedBy"] == "ann"));
    }

    [Fact]
    public async Task AcknowledgeMany_AnUnknownId_Is404AndAcknowledgesNothing()
    {
        var a = (string)(await RaiseAsync("HIGH", "Shard 1 slow"))["id"]!;

        var response = await Client.PostJsonAsync("/api/alerts/acknowledge", new { ids = new[] { a, Guid.NewGuid().ToString() }, actor = "ann", reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["ids"]);
        Assert.Equal("Raised", (string?)(await (await Client.GetAsync($"/api/alerts/{a}")).JsonAsync())["state"]);
    }
}
