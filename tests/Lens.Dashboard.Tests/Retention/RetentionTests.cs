using System.Text.Json;
using Lens.Core.Alerts;
using Lens.Core.Bench;
using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Monitoring;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Retention;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Retention;

/// <summary>Pruning on a fake clock over the real SQLite file: what is past its period goes, what is inside stays, the record stays for good.</summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly StageGates Gates = new(MaxErrorRate: 0.05, MinSamples: 100);

    private readonly LensAppFactory _app = new(settings: new Dictionary<string, string?>
    {
        // Small batches, so every kind is pruned over several batches and the loop is exercised.
        ["Retention:BatchSize"] = "10",
        ["Retention:PauseBetweenBatches"] = "00:00:00",
    });

    public RetentionTests() => _app.CreateClient().Dispose();

    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Run_RowsPastTheirPeriod_AreDeletedAndRowsInsideStay()
    {
        var finished = Rollout.Create("old-flag", "1.0.0", [new(5m, TimeSpan.FromMinutes(1), Gates)], null, Now - TimeSpan.FromDays(200));
        finished.Abort("lead", "done", Now - TimeSpan.FromDays(199));
        await using (var db = await Db())
        {
            db.Rollouts.Add(finished);
            foreach (var days in new[] { 91, 89 })
            {
                var at = Now - TimeSpan.FromDays(days);
                for (var i = 0; i < 25; i++)
                {
                    db.ProbeRuns.Add(ProbeRun.Record(Guid.NewGuid(), $"p{days}", "q", at, ProbeOutcome.Pass, 3, 10, null, null, null));
                    db.DetectorObservations.Add(DetectorObservation.Of("latency", at, DetectorPhase.Monitoring, 1, 0, 0, false, false));
                    db.GateVerdicts.Add(GateVerdictRecord.From(finished.Id, 0, at, new GateVerdict("error-rate", Verdict.Pass, 0.01, 0.05, 100)));
                }
            }
            db.Outbox.Add(Delivered(Now - TimeSpan.FromDays(31)));
            db.Outbox.Add(Delivered(Now - TimeSpan.FromDays(29)));
            // Pending for a long time: still owed to its receiver, so never pruned.
            db.Outbox.Add(OutboxMessage.For(Guid.NewGuid(), "http://hook", "alert", "{}", Now - TimeSpan.FromDays(100)));
            db.Alerts.Add(Resolved("old", Now - TimeSpan.FromDays(181)));
            db.Alerts.Add(Resolved("recent", Now - TimeSpan.FromDays(179)));
            db.Alerts.Add(Alert.Raise(new AlertSignal("open", AlertSeverity.High, AlertSource.Detector, "Open", "still open"), Now - TimeSpan.FromDays(400)));
            db.MetricMinuteBuckets.Add(Minute("old-flag", Now - TimeSpan.FromDays(91)));
            db.MetricMinuteBuckets.Add(Minute("old-flag", Now - TimeSpan.FromDays(89)));
            await db.SaveChangesAsync();
            await AddImpressionDay(db, "old-flag", DateOnly.FromDateTime((Now - TimeSpan.FromDays(91)).UtcDateTime));
            await AddImpressionDay(db, "old-flag", DateOnly.FromDateTime((Now - TimeSpan.FromDays(89)).UtcDateTime));
        }

        var run = await _app.Get<RetentionService>().RunNowAsync();

        Assert.Null(run.Error);
        await using (var db = await Db())
        {
            var cut90 = Now - TimeSpan.FromDays(90);
            Assert.Equal((0, 25), (await db.ProbeRuns.CountAsync(r => r.At < cut90), await db.ProbeRuns.CountAsync(r => r.At >= cut90)));
            Assert.Equal((0, 25), (await db.DetectorObservations.CountAsync(r => r.At < cut90), await db.DetectorObservations.CountAsync(r => r.At >= cut90)));
            Assert.Equal((0, 25), (await db.GateVerdicts.CountAsync(r => r.At < cut90), await db.GateVerdicts.CountAsync(r => r.At >= cut90)));
            var outbox = await db.Outbox.ToListAsync();
            Assert.Equal(2, outbox.Count);
            Assert.Contains(outbox, m => m.IsPending);
            Assert.Contains(outbox, m => m.DeliveredAt == Now - TimeSpan.FromDays(29));
            Assert.Equal(["open", "recent"], (await db.Alerts.Select(a => a.Key).ToListAsync()).Order());
            Assert.Equal(1, await db.MetricMinuteBuckets.CountAsync());
            Assert.Equal([DateOnly.FromDateTime((Now - TimeSpan.FromDays(89)).UtcDateTime)], await db.ImpressionAggregates.Select(a => a.Day).Distinct().ToListAsync());
            Assert.Equal(1, await db.ImpressionQueries.CountAsync());
        }
        Assert.Equal(25, run.Deleted[RetentionKind.ProbeRuns]);
        Assert.Equal(2, run.Deleted[RetentionKind.Impressions]);
        Assert.True(run.Batches >= 9, $"25 rows in batches of 10 take 3 batches per kind; saw {run.Batches} batches in all.");
    }

    [Fact]
    public async Task Run_TenYearsLater_NeverPrunesAuditReleasesSignOffsOrBenchResults()
    {
        var release = Release.Create("3.0.0", JsonDocument.Parse("{}").RootElement, Now);
        await using (var db = await Db())
        {
            db.Releases.Add(release);
            db.AuditEntries.Add(AuditEntry.ForSubject("release:3.0.0", "created", "lead", "first", Now));
            db.AuditEntries.Add(AuditEntry.ForSubject("release:3.0.0", "signed-off", "manager", "ship it", Now));
            db.BenchRuns.Add(BenchRun.Start("3.0.0", "nightly", null, DateOnly.FromDateTime(Now.UtcDateTime), "scheduler", 10, Now));
            await db.SaveChangesAsync();
        }
        var decisionsBefore = await ReleaseDecisionsJson("3.0.0");
        _app.Clock.Advance(TimeSpan.FromDays(3650));

        var run = await _app.Get<RetentionService>().RunNowAsync();

        Assert.Null(run.Error);
        await using var after = await Db();
        Assert.Equal(1, await after.Releases.CountAsync());
        Assert.Equal(2, await after.AuditEntries.CountAsync(a => a.Subject == "release:3.0.0"));
        Assert.Equal(1, await after.BenchRuns.CountAsync());
        Assert.Equal(decisionsBefore, await ReleaseDecisionsJson("3.0.0"));
    }

    [Fact]
    public async Task Run_FineBucketsPastSevenDays_FoldIntoMinutesWithTotalsAndHistogramsIntact()
    {
        var random = new Random(7);
        var originals = new List<MetricBucket>();
        var oldMinute = MinuteStart(Now - TimeSpan.FromDays(8));
        await using (var db = await Db())
        {
            foreach (var flag in new[] { "a", "b" })
                foreach (var variant in new[] { 0, 1 })
                    for (var second = 0; second < 3 * 60; second += 5)
                    {
                        var bucket = Bucket(flag, variant, oldMinute + second, random);
                        originals.Add(bucket);
                        db.MetricBuckets.Add(bucket);
                    }
            // Six days old: still inside the 5-second period.
            db.MetricBuckets.Add(Bucket("a", 0, MinuteStart(Now - TimeSpan.FromDays(6)), random));
            await db.SaveChangesAsync();
        }

        var run = await _app.Get<RetentionService>().RunNowAsync();

        Assert.Equal(originals.Count, run.Folded);
        await using var after = await Db();
        Assert.Equal(1, await after.MetricBuckets.CountAsync());
        var minutes = await after.MetricMinuteBuckets.ToListAsync();
        Assert.Equal(2 * 2 * 3, minutes.Count);
        foreach (var group in originals.GroupBy(b => (b.Flag, b.Variant, Minute: b.BucketStart - b.BucketStart % 60)))
        {
            var expected = new VariantAccumulator();
            foreach (var b in group) expected.Add(b.Requests, b.Errors, b.Histogram, b.ResultSamples, b.TotalResults, b.TotalResultSquares);
            var stored = Assert.Single(minutes, m => m.Flag == group.Key.Flag && m.Variant == group.Key.Variant && m.MinuteStart == group.Key.Minute);
            Assert.Equal((expected.Requests, expected.Errors, expected.ResultSamples, expected.TotalResults, expected.TotalResultSquares),
                (stored.Requests, stored.Errors, stored.ResultSamples, stored.TotalResults, stored.TotalResultSquares));
            Assert.Equal(expected.Latency.ToBytes(), stored.Histogram);
        }
        Assert.Equal(originals.Sum(b => b.Requests), minutes.Sum(m => m.Requests));
    }

    [Fact]
    public async Task Run_RolloutStillRunning_KeepsItsBucketsVerdictsAndImpressions()
    {
        var live = Rollout.Create("live-flag", "2.0.0", [new(5m, TimeSpan.FromDays(365), Gates)], null, Now - TimeSpan.FromDays(120));
        live.Start("lead", "go", Now - TimeSpan.FromDays(120));
        var random = new Random(3);
        await using (var db = await Db())
        {
            db.Rollouts.Add(live);
            db.GateVerdicts.Add(GateVerdictRecord.From(live.Id, 0, Now - TimeSpan.FromDays(100), new GateVerdict("error-rate", Verdict.Pass, 0.01, 0.05, 100)));
            db.MetricBuckets.Add(Bucket("live-flag", 1, MinuteStart(Now - TimeSpan.FromDays(10)), random));
            db.MetricBuckets.Add(Bucket("other-flag", 1, MinuteStart(Now - TimeSpan.FromDays(10)), random));
            await db.SaveChangesAsync();
            await AddImpressionDay(db, "live-flag", DateOnly.FromDateTime((Now - TimeSpan.FromDays(100)).UtcDateTime));
        }

        await _app.Get<RetentionService>().RunNowAsync();

        await using var after = await Db();
        Assert.Equal(1, await after.GateVerdicts.CountAsync());
        Assert.Equal(["live-flag"], await after.MetricBuckets.Select(b => b.Flag).ToListAsync());
        Assert.Equal(["other-flag"], await after.MetricMinuteBuckets.Select(b => b.Flag).ToListAsync());
        Assert.Equal(1, await after.ImpressionAggregates.CountAsync());
    }

    [Fact]
    public async Task Run_GaugeBucketsPastSevenDays_AreDeletedUnlessARunningRolloutOwnsThem()
    {
        var live = Rollout.Create("live-flag", "2.0.0", [new(5m, TimeSpan.FromDays(365), Gates)], null, Now - TimeSpan.FromDays(30));
        live.Start("lead", "go", Now - TimeSpan.FromDays(30));
        await using (var db = await Db())
        {
            db.Rollouts.Add(live);
            for (var i = 0; i < 25; i++)
            {
                db.GaugeBuckets.Add(Gauge("other-flag", Now - TimeSpan.FromDays(8) + TimeSpan.FromSeconds(5 * i)));
                db.GaugeBuckets.Add(Gauge("other-flag", Now - TimeSpan.FromDays(6) + TimeSpan.FromSeconds(5 * i)));
            }
            db.GaugeBuckets.Add(Gauge("live-flag", Now - TimeSpan.FromDays(20)));
            // Before the live rollout began: no longer its, so it goes like any other.
            db.GaugeBuckets.Add(Gauge("live-flag", Now - TimeSpan.FromDays(40)));
            await db.SaveChangesAsync();
        }

        var run = await _app.Get<RetentionService>().RunNowAsync();

        Assert.Null(run.Error);
        Assert.Equal(26, run.Deleted[RetentionKind.Gauges]);
        await using var after = await Db();
        var cut = (Now - TimeSpan.FromDays(7)).ToUnixTimeSeconds();
        Assert.Equal(25, await after.GaugeBuckets.CountAsync(g => g.Flag == "other-flag" && g.BucketStart >= cut));
        Assert.Equal(0, await after.GaugeBuckets.CountAsync(g => g.Flag == "other-flag" && g.BucketStart < cut));
        Assert.Equal([(Now - TimeSpan.FromDays(20)).ToUnixTimeSeconds()], await after.GaugeBuckets.Where(g => g.Flag == "live-flag").Select(g => g.BucketStart).ToListAsync());
    }

    [Fact]
    public async Task RetentionApi_GetThenRun_ShowsThePolicyAndTheLastRun()
    {
        using var client = _app.CreateClient();

        var run = await (await client.PostAsync("/api/retention/run", null)).JsonAsync();
        var status = await (await client.GetAsync("/api/retention")).JsonAsync();

        Assert.NotNull(run["startedAt"]);
        var rules = status["rules"]!.AsArray();
        Assert.Contains(rules, r => (string)r!["kind"]! == "FineMetrics" && (string)r["keptFor"]! == "7.00:00:00");
        Assert.Contains(rules, r => (string)r!["kind"]! == "ResolvedAlerts" && (string)r["keptFor"]! == "180.00:00:00");
        Assert.Contains("audit log", status["keptForGood"]!.AsArray().Select(n => (string)n!));
        Assert.NotNull(status["lastRun"]);
    }

    [Theory]
    [InlineData("Retention:FineMetrics", "00:00:05")]
    [InlineData("Retention:Interval", "soon")]
    [InlineData("Retention:BatchSize", "0")]
    [InlineData("Retention:ProbeRuns", "00:10:00")]
    [InlineData("Retention:MinuteMetrics", "3.00:00:00")]
    [InlineData("Retention:Gauges", "00:30:00")]
    public void Startup_BadRetentionSetting_FailsNamingTheKey(string key, string value)
    {
        using var installation = new LensAppFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => installation.CreateClient());

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.Contains(key, string.Join(" | ", messages));
    }

    [Fact]
    public void Notice_ViewReachingPastFiveSecondDetail_SaysSoAndNeverCallsItZero()
    {
        var notice = _app.Get<RetentionNotice>();

        Assert.Null(notice.For(RetentionKind.FineMetrics, Now - TimeSpan.FromDays(1)));
        Assert.Contains("1-minute buckets", notice.For(RetentionKind.FineMetrics, Now - TimeSpan.FromDays(8)));
        Assert.Contains("pruned", notice.For(RetentionKind.FineMetrics, Now - TimeSpan.FromDays(100)));
        Assert.Contains("Gate verdict history are kept 90 days", notice.For(RetentionKind.GateVerdicts, Now - TimeSpan.FromDays(100)));
    }

    private Task<LensDbContext> Db() => _app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();

    private async Task<string?> ReleaseDecisionsJson(string version)
    {
        await using var db = await Db();
        return await db.Database.SqlQueryRaw<string>("SELECT DecisionsJson AS Value FROM Releases WHERE Version = {0}", version).SingleAsync();
    }

    private static long MinuteStart(DateTimeOffset at) => at.ToUnixTimeSeconds() - at.ToUnixTimeSeconds() % 60;

    private static MetricBucket Bucket(string flag, int variant, long start, Random random)
    {
        var acc = new VariantAccumulator();
        for (var i = random.Next(1, 40); i > 0; i--) acc.Add(random.Next(0, 30), random.Next(10) > 0, random.Next(3) == 0 ? VariantAccumulator.NoResultCount : random.Next(0, 20));
        return new MetricBucket
        {
            Flag = flag, Variant = variant, BucketStart = start, Requests = acc.Requests, Errors = acc.Errors, Histogram = acc.Latency.ToBytes(),
            ResultSamples = acc.ResultSamples, TotalResults = acc.TotalResults, TotalResultSquares = acc.TotalResultSquares,
        };
    }

    private static MetricMinuteBucket Minute(string flag, DateTimeOffset at) =>
        new() { Flag = flag, Variant = 0, MinuteStart = MinuteStart(at), Requests = 10, Histogram = [] };

    private static GaugeBucket Gauge(string flag, DateTimeOffset at) =>
        new() { Flag = flag, Variant = 1, Name = "memory_mb", BucketStart = at.ToUnixTimeSeconds(), Samples = 1, Sum = 800, Min = 800, Max = 800 };

    private static OutboxMessage Delivered(DateTimeOffset at)
    {
        var message = OutboxMessage.For(Guid.NewGuid(), "http://hook", "alert", "{}", at);
        message.Delivered(at);
        return message;
    }

    private static Alert Resolved(string key, DateTimeOffset at)
    {
        var alert = Alert.Raise(new AlertSignal(key, AlertSeverity.Warn, AlertSource.Detector, key, "detail"), at - TimeSpan.FromHours(1));
        alert.Resolve("oncall", "fixed", at);
        return alert;
    }

    private static async Task AddImpressionDay(LensDbContext db, string flag, DateOnly day)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO ImpressionAggregates (Flag, Release, Variant, Day, Score, Impressions, Clicks) VALUES ({0}, '1.0.0', 'candidate', {1}, 0.5, 10, 2)", flag, day);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO ImpressionQueries (Flag, Release, Variant, Day, QueryId) VALUES ({0}, '1.0.0', 'candidate', {1}, 'q1')", flag, day);
    }
}
