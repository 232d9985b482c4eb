using Lens.Core.Bench;
using Lens.Core.Gates;

namespace Lens.Core.Tests.Bench;

public class BenchRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    private static BenchRun Running() => BenchRun.Start("2.5.0", BenchRun.LiveSource, "java", new DateOnly(2026, 11, 22), "nightly", 40, Now);

    [Fact]
    public void Complete_Running_KeepsVerdictAndFiles()
    {
        var run = Running();
        run.Progress(12);

        run.Complete(Verdict.Pass, 0.01, 0.0, "{}", "# md", "scope\n", Now.AddMinutes(1));

        Assert.Equal(BenchRunStatus.Completed, run.Status);
        Assert.Equal(40, run.QueriesDone);
        Assert.True(run.Passed);
    }

    [Fact]
    public void Fail_Running_CountsAsAFailingNight()
    {
        var run = Running();

        run.Fail("candidate endpoint refused the connection", Now);

        Assert.False(run.Passed);
        Assert.Equal(Verdict.Fail, run.Verdict);
    }

    [Fact]
    public void Complete_AlreadyFinished_FailsTheSameWayEveryTime()
    {
        var run = Running();
        run.Fail("down", Now);

        Assert.Throws<InvalidOperationException>(() => run.Complete(Verdict.Pass, 0, 0, "", "", "", Now));
        Assert.Throws<InvalidOperationException>(() => run.Fail("again", Now));
        Assert.Throws<InvalidOperationException>(() => run.Progress(1));
    }

    [Fact]
    public void Progress_NeverGoesBackwardsOrPastTheTotal()
    {
        var run = Running();
        run.Progress(30);
        run.Progress(10);
        Assert.Equal(30, run.QueriesDone);
        run.Progress(99);
        Assert.Equal(40, run.QueriesDone);
    }
}
