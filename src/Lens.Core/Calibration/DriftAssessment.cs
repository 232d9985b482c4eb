namespace Lens.Core.Calibration;

/// <summary>
/// One day's candidate scores against the baseline period, as a control chart on daily figures: how far the day's mean
/// score, and the day's spread of scores, lie from the baseline days', in units of how much those figures vary from day to
/// day. ShiftSigma is the larger of the two shifts (signed: positive when the figure rose).
/// </summary>
public sealed record DriftAssessment(DriftStatus Status, ScoreSummary Day, ScoreSummary? Baseline, int BaselineDays, double? ShiftSigma, double LimitSigma,
    double? MeanShiftSigma = null, double? SpreadShiftSigma = null, double? BaselineMean = null, double? BaselineSpread = null)
{
    public const double DefaultLimitSigma = 3;

    /// <summary>
    /// Drifted when the day's mean or standard deviation lies more than <paramref name="limitSigma"/> σ from the baseline
    /// days' average of it. σ is the day-to-day standard deviation of that figure over the baseline days, but never less than
    /// the sampling noise of one day's figure at this day's volume (σ_scores/√n for the mean, σ_scores/√(2n) for the
    /// spread): identical baseline days must not make every wobble a drift.
    /// </summary>
    public static DriftAssessment Assess(ScoreSummary day, IReadOnlyCollection<ScoreSummary> baselineDays, int minBaselineDays, double limitSigma = DefaultLimitSigma)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (baselineDays.Count < Math.Max(1, minBaselineDays))
            return new DriftAssessment(DriftStatus.InsufficientBaseline, day, null, baselineDays.Count, null, limitSigma);
        var pooled = ScoreSummary.Pool(baselineDays);
        var means = baselineDays.Select(d => d.Mean).ToArray();
        var spreads = baselineDays.Select(d => d.StandardDeviation).ToArray();
        var meanShift = Shift(day.Mean, means, pooled.StandardDeviation / Math.Sqrt(day.Count));
        var spreadShift = Shift(day.StandardDeviation, spreads, pooled.StandardDeviation / Math.Sqrt(2.0 * day.Count));
        var shift = Math.Abs(spreadShift) > Math.Abs(meanShift) ? spreadShift : meanShift;
        // A shift that is the limit up to rounding (3.0000000000000004σ) is not beyond it.
        return new DriftAssessment(Math.Abs(shift) > limitSigma + 1e-9 ? DriftStatus.Drifted : DriftStatus.Stable, day, pooled, baselineDays.Count, shift, limitSigma,
            meanShift, spreadShift, means.Average(), spreads.Average());
    }

    private static double Shift(double value, double[] baseline, double noise)
    {
        var average = baseline.Average();
        var dayToDay = baseline.Length < 2 ? 0 : Math.Sqrt(baseline.Sum(v => (v - average) * (v - average)) / (baseline.Length - 1));
        var sigma = Math.Max(dayToDay, noise);
        var difference = value - average;
        return sigma > 0 ? difference / sigma : difference == 0 ? 0 : double.CopySign(double.PositiveInfinity, difference);
    }

    public string Describe() => Status switch
    {
        DriftStatus.InsufficientBaseline => $"not judged: {BaselineDays} baseline day(s) so far",
        _ => $"mean score {Day.Mean:0.000} (sd {Day.StandardDeviation:0.000}) against the baseline days' {BaselineMean:0.000} (sd {BaselineSpread:0.000}) over {BaselineDays} day(s): " +
             $"mean {Sigma(MeanShiftSigma)}, spread {Sigma(SpreadShiftSigma)}, limit ±{LimitSigma:0.#}σ",
    };

    private static string Sigma(double? shift) =>
        shift is not { } s ? "–" : double.IsInfinity(s) ? (s > 0 ? "+∞σ" : "−∞σ")
        : (Math.Round(s, 2) + 0.0).ToString("+0.00;-0.00;+0.00", System.Globalization.CultureInfo.InvariantCulture) + "σ";
}
