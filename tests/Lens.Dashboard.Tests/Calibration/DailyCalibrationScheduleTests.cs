using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Calibration;

/// <summary>The scheduled job, not a hand-made run: the fake clock passes 03:00 UTC and yesterday is frozen.</summary>
public sealed class DailyCalibrationScheduleTests : AppTestBase
{
    [Fact]
    public async Task DailyJob_ClockPassesThreeUtc_FreezesYesterdayAndProposesTau()
    {
        using var service = App.CreateClientAs("service");
        await new ImpressionDayBuilder(7).SendAsync(service, "search-ranking");
        // 09:00 on the 22nd to 02:55 on the 23rd: nothing is due yet.
        App.Clock.Advance(TimeSpan.FromHours(17) + TimeSpan.FromMinutes(55));
        await Task.Delay(500);
        Assert.Empty((await (await Client.GetAsync("/api/calibration/status")).JsonAsync()).AsArray());

        var status = await HttpTestExtensions.AdvanceUntilAsync(App.Clock, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15),
            async () => (await (await Client.GetAsync("/api/calibration/status")).JsonAsync()).AsArray().FirstOrDefault(),
            s => s is not null && s["history"]!.AsArray().Count > 0, "the 03:00 run's proposal");

        Assert.Equal("2026-11-22", (string?)status!["days"]![0]!["day"]);
        Assert.Equal("Holdout", (string?)status["history"]![0]!["status"]);
        Assert.True(App.Clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    }
}
