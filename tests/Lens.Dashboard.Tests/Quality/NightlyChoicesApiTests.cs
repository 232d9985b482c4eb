using System.Net;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Quality;

/// <summary>POST /api/releases/{v}/pin and /retire, and GET /api/nightly/candidates, through the real pipeline.</summary>
public sealed class NightlyChoicesApiTests : AppTestBase
{
    private async Task<(bool Included, string Why)> ChoiceAsync(string version)
    {
        var candidates = await (await Client.GetAsync("/api/nightly/candidates")).JsonAsync();
        var choice = candidates["candidates"]!.AsArray().Single(c => (string?)c!["version"] == version)!;
        return ((bool)choice["included"]!, (string)choice["why"]!);
    }

    [Fact]
    public async Task Pin_OlderThanTheNewestFive_TonightIncludesItAndSaysWhy()
    {
        await Client.CreateReleaseAsync("1.0.0");
        for (var i = 0; i < 5; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await Client.CreateReleaseAsync($"2.0.{i}");
        }
        Assert.Equal((false, "not among the 5 newest candidates; pin it to validate it"), await ChoiceAsync("1.0.0"));

        using var lead = App.CreateClientAs("lead");
        var pinned = await lead.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = "the release the README names" });

        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal((true, "pinned by token:test-lead: the release the README names"), await ChoiceAsync("1.0.0"));
        Assert.False((await ChoiceAsync("2.0.0")).Included);
        Assert.Equal("token:test-lead", (string?)(await (await Client.GetAsync("/api/releases/1.0.0")).JsonAsync())["pinned"]!["by"]);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Subject == "release:1.0.0" && a.Action == "Pin");
        Assert.Equal(("token:test-lead", "the release the README names"), (audit.Actor, audit.Reason));
    }

    [Fact]
    public async Task Unpin_PinnedOldCandidate_LeavesTonightAgainAndIsAudited()
    {
        await Client.CreateReleaseAsync("1.0.0");
        for (var i = 0; i < 5; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await Client.CreateReleaseAsync($"2.0.{i}");
        }
        using var lead = App.CreateClientAs("lead");
        (await lead.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = "the release the README names" })).EnsureSuccessStatusCode();

        var unpinned = await lead.PostJsonAsync("/api/releases/1.0.0/unpin", new { reason = "three nights passed" });
        var again = await lead.PostJsonAsync("/api/releases/1.0.0/unpin", new { reason = "twice" });

        Assert.Equal(HttpStatusCode.OK, unpinned.StatusCode);
        Assert.Equal((false, "not among the 5 newest candidates; pin it to validate it"), await ChoiceAsync("1.0.0"));
        Assert.True((await ChoiceAsync("2.0.0")).Included);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("1.0.0 is not pinned", (string?)(await again.JsonAsync())["errors"]!["release"]![0]);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Subject == "release:1.0.0" && a.Action == "Unpin");
        Assert.Equal(("token:test-lead", "three nights passed"), (audit.Actor, audit.Reason));
    }

    [Fact]
    public async Task Pin_TwoLeadsAtOnce_OnePinsTheOtherIsToldItIsPinned()
    {
        await Client.CreateReleaseAsync("1.0.0");
        using var lead = App.CreateClientAs("lead");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => lead.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = $"pin {i}" })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Subject == "release:1.0.0" && a.Action == "Pin"));
    }

    [Fact]
    public async Task Retire_Candidate_LeavesTonightAndCannotBePinnedAgain()
    {
        await Client.CreateReleaseAsync("1.0.0");
        using var lead = App.CreateClientAs("lead");

        var retired = await lead.PostJsonAsync("/api/releases/1.0.0/retire", new { reason = "rolled back, replaced by 1.0.1" });
        var pinAfter = await lead.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = "changed my mind" });

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal((false, "retired by token:test-lead: rolled back, replaced by 1.0.1"), await ChoiceAsync("1.0.0"));
        Assert.Equal(HttpStatusCode.Conflict, pinAfter.StatusCode);
        Assert.Contains("was retired by token:test-lead", (string?)(await pinAfter.JsonAsync())["errors"]!["release"]![0]);
    }

    [Fact]
    public async Task Pin_RolloutRolledBack_ExcludedUntilPinned()
    {
        await Client.CreateReleaseAsync("1.0.0");
        var rollout = await Client.CreateRolloutAsync(Requests.Rollout("search-ranking", "1.0.0"));
        (await Client.PostJsonAsync($"/api/rollouts/{(string)rollout["id"]!}/rollback", Requests.Action(reason: "errors"))).EnsureSuccessStatusCode();

        Assert.Equal((false, "its latest rollout was rolled back; pin it to validate it anyway"), await ChoiceAsync("1.0.0"));
        (await Client.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = "fixed config, validate anyway" })).EnsureSuccessStatusCode();
        Assert.True((await ChoiceAsync("1.0.0")).Included);
    }

    [Theory]
    [InlineData("pin")]
    [InlineData("unpin")]
    [InlineData("retire")]
    public async Task Mark_NoReason_400NamingReasonAndNothingStored(string action)
    {
        await Client.CreateReleaseAsync("1.0.0");

        var response = await Client.PostJsonAsync($"/api/releases/1.0.0/{action}", new { reason = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["reason"]);
        var release = await (await Client.GetAsync("/api/releases/1.0.0")).JsonAsync();
        Assert.Null(release["pinned"]);
        Assert.Null(release["retired"]);
    }

    [Fact]
    public async Task Pin_UnknownRelease_404NamingVersion()
    {
        var response = await Client.PostJsonAsync("/api/releases/nope/pin", new { reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["version"]);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("oncall")]
    public async Task Pin_BelowLead_Is403(string role)
    {
        await Client.CreateReleaseAsync("1.0.0");
        using var client = App.CreateClientAs(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/releases/1.0.0/pin", new { reason = "x" })).StatusCode);
    }
}
