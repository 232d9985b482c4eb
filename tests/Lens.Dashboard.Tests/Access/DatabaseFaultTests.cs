using System.Diagnostics;
using System.Net;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Tests.Infrastructure;

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

        var locker = await DatabaseLock.TakeAsync(App.DatabasePath);

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

        // Readiness shares one probe a second, so it may take a moment to notice; it must within 5 s.
        var readiness = Stopwatch.StartNew();
        var notReady = await HttpTestExtensions.EventuallyAsync(() => Client.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5), "readiness to report the locked database");
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
        await HttpTestExtensions.EventuallyAsync(() => Client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(3), "readiness to recover once writes resume");
    }

    [Fact]
    public async Task KillSwitch_DatabaseTakesWrites_IsStoredBeforeTheReply()
    {
        var reply = await Client.PostJsonAsync("/api/killswitch", new { name = "manual_emergency", active = true, reason = "drill" });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.True((bool)(await reply.JsonAsync())["durable"]!);
        Assert.Empty(App.Get<KillSwitchService>().Pending);
    }

    [Fact]
    public async Task KillSwitch_ActivateReleaseActivateWhileLocked_NeverHandsTrafficBackInBetween()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        var locker = await DatabaseLock.TakeAsync(App.DatabasePath);
        var queued = 0;
        foreach (var active in new[] { true, false, true })
        {
            var sent = Client.PostJsonAsync("/api/killswitch", new { name = "manual_emergency", active, reason = active ? "bad" : "fine" });
            queued++;
            await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(App.Get<KillSwitchService>().Pending.Count), n => n == queued, TimeSpan.FromSeconds(2), "the change queued");
            // The reply waits on the app's clock; move it on until the request has taken its answer.
            await HttpTestExtensions.AdvanceUntilAsync(App.Clock, KillSwitchService.DurableWait, TimeSpan.FromSeconds(10),
                () => Task.FromResult(sent.IsCompleted), done => done, "the reply");
            Assert.Equal(HttpStatusCode.Accepted, (await sent).StatusCode);
        }
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");

        await locker.DisposeAsync();
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(App.Get<KillSwitchService>().Pending.Count), n => n == 0, TimeSpan.FromSeconds(3), "every change stored");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.NextAsync(f => (bool?)f["killSwitch"] == false, TimeSpan.FromMilliseconds(500)));
        Assert.True((bool)(await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync())["killSwitch"]!);
    }
}
