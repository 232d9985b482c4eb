using System.Net;
using System.Net.Http.Json;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Access;

public sealed class TokensApiTests : AppTestBase
{
    private async Task<string> IssueAsync(string name, string role)
    {
        var response = await Client.PostJsonAsync("/api/tokens", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.JsonAsync())["secret"]!;
    }

    private HttpClient With(string secret)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task Issue_ServiceToken_MayIngestAndReadFlagsButNothingElse()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        var secret = await IssueAsync("search-eu-1", "service");
        using var service = With(secret);

        Assert.Equal(HttpStatusCode.Accepted, (await service.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).ToContent())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/api/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/api/rollouts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.PostJsonAsync("/api/killswitch", new { active = true, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task Issue_SecretShownOnce_StoredOnlyAsItsHash()
    {
        var secret = await IssueAsync("ci", "lead");

        var list = (await (await Client.GetAsync("/api/tokens")).JsonAsync()).AsArray();
        var listed = Assert.Single(list, t => (string?)t!["name"] == "ci")!;
        Assert.Equal(("lead", "stored", "token:test-admin"), ((string?)listed["role"], (string?)listed["source"], (string?)listed["createdBy"]));
        Assert.Null(listed["secret"]);
        Assert.DoesNotContain(secret, list.ToJsonString());
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync(t => t.Name == "ci");
        Assert.Equal(TokenSecrets.Hash(secret), stored.Sha256);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(App.DatabasePath));
    }

    [Fact]
    public async Task Revoke_IssuedToken_StopsWorkingAtOnceWithA401ProblemAndIsAudited()
    {
        var secret = await IssueAsync("temp", "viewer");
        using var viewer = With(secret);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/rollouts")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/api/tokens/temp")).StatusCode);

        var refused = await viewer.GetAsync("/api/rollouts");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (string?)(await refused.JsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync("/api/tokens/temp")).StatusCode);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.Equal(["Issue", "Revoke"], await db.AuditEntries.Where(a => a.Subject == "token:temp").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Issue_AfterRestart_StoredTokenStillWorks()
    {
        var secret = await IssueAsync("survivor", "oncall");

        using var restarted = new LensAppFactory(App.Folder, App.Clock);
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alerts")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"ok-name","role":"root"}""", "role")]
    [InlineData("""{"name":"has space","role":"service"}""", "name")]
    [InlineData("""{"role":"service"}""", "name")]
    public async Task Issue_BadRequest_400NamesTheFieldAndStoresNothing(string json, string field)
    {
        var response = await Client.PostAsync("/api/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task Issue_NameInUse_Is409()
    {
        await IssueAsync("twice", "service");

        var again = await Client.PostJsonAsync("/api/tokens", new { name = "twice", role = "viewer" });
        var configured = await Client.PostJsonAsync("/api/tokens", new { name = "test-lead", role = "viewer" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, configured.StatusCode);
    }

    [Fact]
    public async Task LastUsed_AfterUseAndAFlush_IsRecorded()
    {
        var secret = await IssueAsync("busy", "service");
        using var service = With(secret);
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await service.GetAsync("/api/flags");

        await App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TokenUsageRecorder>().Single().FlushAsync(CancellationToken.None);

        var listed = (await (await Client.GetAsync("/api/tokens")).JsonAsync()).AsArray().Single(t => (string?)t!["name"] == "busy")!;
        Assert.Equal(App.Clock.GetUtcNow(), DateTimeOffset.Parse((string)listed["lastUsedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Revoke_WhileItsFlagStreamIsOpen_EndsTheStream()
    {
        var secret = await IssueAsync("streamer", "service");
        using var service = With(secret);
        await using var stream = await SseReader.OpenAsync(service, "/api/flags/stream");

        (await Client.DeleteAsync("/api/tokens/streamer")).EnsureSuccessStatusCode();
        // Any change wakes the stream; it must end instead of sending it.
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());

        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(3));
    }
}
