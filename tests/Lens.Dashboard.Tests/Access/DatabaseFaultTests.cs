using System.Diagnostics;
using System.Net;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Tests.Access;

/// <summary>
/// The database file locked by another connection, as a backup tool or a stuck writer would: a kill switch still
/// reaches services within a second, is stored once the lock goes, and readiness says what is wrong meanwhile.
/// </summary>
public sealed class DatabaseFaultTests : AppTestBase
{
    [Fact]
    public async Task KillSwitch_DatabaseLocked_StreamsBaselineAtOnceAndIsStoredWhenTheLockGoes()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");
        await stream.NextAsync(f => (string?)f["key"] == "search-ranking" && (decimal?)f["percent"] > 0, TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);

        var locker = new SqliteConnection($"Data Source={App.DatabasePath};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        var sent = Stopwatch.StartNew();
        var activation = Client.PostJsonAsync("/api/killswitch", new { name = "manual_emergency", active = true, reason = "database stuck, bad deploy" });
        var flag = await stream.NextAsync(f => (string?)f["key"] == "search-ranking" && (bool?)f["killSwitch"] == true, TimeSpan.FromSeconds(1));
        Assert.Equal(0m, (decimal?)flag["percent"]);
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(1), $"baseline reached the stream after {sent.Elapsed}");
        // The reply waits a moment (on the app's clock) for the write, then says it is in force but not durable.
        App.Clock.Advance(KillSwitchService.DurableWait);
        var reply = await activation;
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        Assert.False((bool)(await reply.JsonAsync())["durable"]!);
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(1.5), $"the reply took {sent.Elapsed}");

        var readiness = Stopwatch.StartNew();
        var notReady = await Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.True(readiness.Elapsed < TimeSpan.FromSeconds(5), $"readiness took {readiness.Elapsed}");
        var body = await notReady.JsonAsync();
        Assert.Equal("manual_emergency", (string?)body["killSwitchesNotSaved"]![0]!["name"]);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health")).StatusCode);

        await locker.DisposeAsync();
        var released = Stopwatch.StartNew();
        var stored = await HttpTestExtensions.EventuallyAsync(
            async () => (await (await Client.GetAsync("/api/killswitch")).JsonAsync()).AsArray().Single(k => (string?)k!["name"] == "manual_emergency")!,
            k => (bool)k["active"]! && App.Get<KillSwitchService>().Pending.Count == 0, TimeSpan.FromSeconds(2), "the kill switch to be stored");
        Assert.Equal("database stuck, bad deploy", (string?)stored["reason"]);
        Assert.True(released.Elapsed < TimeSpan.FromSeconds(2), $"stored {released.Elapsed} after the lock went");
        var audit = await Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task KillSwitch_DatabaseTakesWrites_IsStoredBeforeTheReply()
    {
        var reply = await Client.PostJsonAsync("/api/killswitch", new { name = "manual_emergency", active = true, reason = "drill" });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.True((bool)(await reply.JsonAsync())["durable"]!);
        Assert.Empty(App.Get<KillSwitchService>().Pending);
    }
}
