namespace Lens.Core.Calibration;

/// <summary>
/// One variant's calibration figures for a closed day, frozen by the daily job: what the τ history, the drift check
/// and the trend read, whatever happens to the day's detailed counts later.
/// </summary>
public sealed class CalibrationDay
{
    private CalibrationDay() { }

    public string Flag { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public string Variant { get; private set; } = "";
    public string Release { get; private set; } = "";
    public long Impressions { get; private set; }
    public long Queries { get; private set; }
    public double BrierRaw { get; private set; }
    public double BrierCalibrated { get; private set; }
    public double EceRaw { get; private set; }
    public double EceCalibrated { get; private set; }
    public double Tau { get; private set; }
    public double ResultsPerQueryAtTau { get; private set; }
    public double ScoreMean { get; private set; }
    public double ScoreStandardDeviation { get; private set; }
    public DriftStatus Drift { get; private set; }
    public double? DriftSigma { get; private set; }

    public ScoreSummary Scores => new(Impressions, ScoreMean, ScoreStandardDeviation);

    public static CalibrationDay Freeze(string flag, DateOnly day, string variant, string release, CalibrationFit fit, ScoreSummary scores, DriftAssessment? drift) => new()
    {
        Flag = flag, Day = day, Variant = variant, Release = release, Impressions = scores.Count, Queries = fit.Queries,
        BrierRaw = fit.BrierRaw, BrierCalibrated = fit.BrierCalibrated, EceRaw = fit.EceRaw, EceCalibrated = fit.EceCalibrated,
        Tau = fit.Tau.Value, ResultsPerQueryAtTau = fit.Tau.MeanResultsPerQuery, ScoreMean = scores.Mean, ScoreStandardDeviation = scores.StandardDeviation,
        Drift = drift?.Status ?? DriftStatus.InsufficientBaseline, DriftSigma = drift?.ShiftSigma is { } s && double.IsFinite(s) ? s : null,
    };
}
