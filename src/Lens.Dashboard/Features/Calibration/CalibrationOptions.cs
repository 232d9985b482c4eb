using System.ComponentModel.DataAnnotations;
using Lens.Core.Calibration;
using Quartz;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>
/// Configuration section "Calibration": when the daily job freezes yesterday and proposes τ (a Quartz cron expression in
/// UTC; default 03:00), how a day is fitted, the results-per-query envelope a τ must keep, and the drift check.
/// </summary>
public sealed class CalibrationOptions : IValidatableObject
{
    public const string Section = "Calibration";

    public string Schedule { get; set; } = "0 0 3 * * ?";

    [Range(1, 100, ErrorMessage = "Calibration:Bins must be between 1 and 100.")]
    public int Bins { get; set; } = CalibrationFit.DefaultBins;

    public BinStrategy Strategy { get; set; } = BinStrategy.Uniform;

    [Range(0.1, 1000, ErrorMessage = "Calibration:TargetResultsPerQuery must be between 0.1 and 1000.")]
    public double TargetResultsPerQuery { get; set; } = CalibrationFit.DefaultTarget;

    [Range(0.0, 1000, ErrorMessage = "Calibration:Tolerance must be between 0 and 1000.")]
    public double Tolerance { get; set; } = 2;

    [Range(0.1, 100, ErrorMessage = "Calibration:DriftLimitSigma must be between 0.1 and 100.")]
    public double DriftLimitSigma { get; set; } = DriftAssessment.DefaultLimitSigma;

    /// <summary>How many of the latest undrifted candidate days before a day make its baseline.</summary>
    [Range(1, 90, ErrorMessage = "Calibration:DriftBaselineDays must be between 1 and 90.")]
    public int DriftBaselineDays { get; set; } = 7;

    /// <summary>Fewer baseline days than this and drift is not judged.</summary>
    [Range(1, 90, ErrorMessage = "Calibration:MinBaselineDays must be between 1 and 90.")]
    public int MinBaselineDays { get; set; } = 3;

    /// <summary>A day with fewer candidate queries proposes no τ and does not count as a holdout day.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Calibration:MinQueries must be between 1 and 10,000,000.")]
    public int MinQueries { get; set; } = 100;

    /// <summary>How far back a run looks for closed days it has not frozen yet (after downtime).</summary>
    [Range(1, 90, ErrorMessage = "Calibration:CatchUpDays must be between 1 and 90.")]
    public int CatchUpDays { get; set; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule, out _))
            yield return new ValidationResult($"Calibration:Schedule '{Schedule}' is not a Quartz cron expression (seconds minutes hours day month weekday), e.g. \"0 0 3 * * ?\".", [nameof(Schedule)]);
        if (MinBaselineDays > DriftBaselineDays)
            yield return new ValidationResult($"Calibration:MinBaselineDays ({MinBaselineDays}) cannot exceed Calibration:DriftBaselineDays ({DriftBaselineDays}).", [nameof(MinBaselineDays)]);
    }
}
