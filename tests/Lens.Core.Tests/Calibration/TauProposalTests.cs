using Lens.Core.Calibration;

namespace Lens.Core.Tests.Calibration;

public sealed class TauProposalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Fitted = new(2026, 11, 22);

    // Scores 0.2 → 0.1, 0.6 → 0.5, 0.9 → 0.8 after the map; τ 0.5 lets the 0.6s and 0.9s through.
    private static TauProposal Proposal() => TauProposal.Propose("search", Fitted, "1.2.0", new TauChoice(5, 0.5, 5.2),
        IsotonicCalibration.FromThresholds([0.2, 0.6, 0.9], [0.1, 0.5, 0.8]), tolerance: 2, "lens-calibration", Now);

    [Fact]
    public void ResultsPerQueryOn_ADay_CountsImpressionsWhoseCalibratedScoreReachesTau()
    {
        ScoreCount[] day = [new(0.2, 30, 1), new(0.55, 10, 2), new(0.6, 20, 9), new(0.95, 12, 10)];

        // 0.55 maps to 0.45 (below τ); 0.6 to 0.5 (at τ, counted); 0.95 clips to 0.8.
        Assert.Equal((20 + 12) / 8.0, Proposal().ResultsPerQueryOn(day, queries: 8), 12);
    }

    public static TheoryData<double[], TauStatus, int, string> Holdouts => new()
    {
        { [5.0, 6.9], TauStatus.Applied, 2, "held out 2026-11-23 (5.00) and 2026-11-24 (6.90): results per query stayed inside 5 ± 2" },
        { [3.0, 7.0], TauStatus.Applied, 2, "held out 2026-11-23 (3.00) and 2026-11-24 (7.00): results per query stayed inside 5 ± 2" },
        { [7.5], TauStatus.Rejected, 1, "on 2026-11-23 τ 0.5 let through 7.50 results per query, outside 5 ± 2" },
        { [5.0, 2.9], TauStatus.Rejected, 2, "on 2026-11-24 τ 0.5 let through 2.90 results per query, outside 5 ± 2" },
        { [4.0], TauStatus.Holdout, 1, "" },
    };

    [Theory]
    [MemberData(nameof(Holdouts))]
    public void RecordHoldoutDay_ResultsPerQueryOnFollowingDays_AppliesOnlyIfBothStayInsideTheEnvelope(double[] perDay, TauStatus status, int recorded, string reason)
    {
        var proposal = Proposal();
        for (var i = 0; i < perDay.Length; i++) proposal.RecordHoldoutDay(new HoldoutDay(Fitted.AddDays(i + 1), perDay[i], 100), Now.AddDays(i + 1));

        Assert.Equal(status, proposal.Status);
        Assert.Equal(recorded, proposal.Holdout.Count);
        if (status == TauStatus.Holdout) Assert.Null(proposal.DecidedAt);
        else Assert.Equal(reason, proposal.Reason);
    }

    [Fact]
    public void RecordHoldoutDay_AfterTheDecision_FailsTheOneWay()
    {
        var proposal = Proposal();
        proposal.RecordHoldoutDay(new HoldoutDay(Fitted.AddDays(1), 9, 100), Now);

        var ex = Assert.Throws<TauProposalException>(() => proposal.RecordHoldoutDay(new HoldoutDay(Fitted.AddDays(2), 5, 100), Now));
        Assert.Contains("rejected already", ex.Message);
    }

    [Fact]
    public void RecordHoldoutDay_ADayNotAfterTheLast_FailsTheOneWay()
    {
        var proposal = Proposal();

        Assert.Throws<TauProposalException>(() => proposal.RecordHoldoutDay(new HoldoutDay(Fitted, 5, 100), Now));
        proposal.RecordHoldoutDay(new HoldoutDay(Fitted.AddDays(1), 5, 100), Now);
        Assert.Throws<TauProposalException>(() => proposal.RecordHoldoutDay(new HoldoutDay(Fitted.AddDays(1), 5, 100), Now));
    }

    [Fact]
    public void Override_ATauOutsideZeroToOneOrNoReason_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TauProposal.Override("search", Fitted, 1.2, [], [], 5, 2, "lee", "why", Now));
        Assert.Throws<ArgumentException>(() => TauProposal.Override("search", Fitted, 0.4, [], [], 5, 2, "lee", " ", Now));
        var applied = TauProposal.Override("search", Fitted, 0.4, [], [], 5, 2, "lee", "too few results in Go repos", Now);
        Assert.Equal((TauStatus.Applied, TauSource.Override, "lee"), (applied.Status, applied.Source, applied.Actor));
        Assert.Null(applied.Map);
    }
}
