namespace Lens.Core.Calibration;

/// <summary>
/// One day's candidate scores against the baseline period: the day's mean and spread, the baseline's, and the shift of
/// the mean in baseline standard deviations (signed: positive when scores rose).
/// </summary>
public sealed record DriftAssessment(DriftStatus Status, ScoreSummary Day, ScoreSummary? Baseline, int BaselineDays, double? ShiftSigma, double LimitSigma)
{
    public const double DefaultLimitSigma = 3;

    /// <summary>
    /// Drifted when the day's mean lies more than <paramref name="limitSigma"/> baseline standard deviations from the
    /// baseline mean. The σ is the spread of individual scores over the whole baseline period, so a ranker whose
    /// scores move as a block by that much is flagged; day-to-day noise of a busy service never comes near it.
    /// </summary>
    public static DriftAssessment Assess(ScoreSummary day, IReadOnlyCollection<ScoreSummary> baselineDays, int minBaselineDays, double limitSigma = DefaultLimitSigma)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (baselineDays.Count < Math.Max(1, minBaselineDays))
            return new DriftAssessment(DriftStatus.InsufficientBaseline, day, null, baselineDays.Count, null, limitSigma);
        var baseline = ScoreSummary.Pool(baselineDays);
        var difference = day.Mean - baseline.Mean;
        double shift = baseline.StandardDeviation > 0 ? difference / baseline.StandardDeviation
            : difference == 0 ? 0 : double.CopySign(double.PositiveInfinity, difference);
        return new DriftAssessment(Math.Abs(shift) > limitSigma ? DriftStatus.Drifted : DriftStatus.Stable, day, baseline, baselineDays.Count, shift, limitSigma);
    }

    public string Describe() => Status switch
    {
        DriftStatus.InsufficientBaseline => $"not judged: {BaselineDays} baseline day(s) so far",
        _ => $"mean score {Day.Mean:0.000} (sd {Day.StandardDeviation:0.000}) against baseline {Baseline!.Mean:0.000} (sd {Baseline.StandardDeviation:0.000}) over {BaselineDays} day(s): " +
             $"shift {ShiftSigma:+0.00;-0.00}σ, limit ±{LimitSigma:0.#}σ",
    };
}
