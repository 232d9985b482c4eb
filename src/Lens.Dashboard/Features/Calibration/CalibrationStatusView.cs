using System.Globalization;
using Lens.Core.Calibration;
using Lens.Core.Flags;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>
/// A flag's calibration as services and people see it: the parameters published now, the latest frozen candidate day
/// with its drift verdict, the τ history (newest first) and the frozen days (newest first).
/// </summary>
public sealed record CalibrationStatusView(string Flag, FlagParameters Parameters, DateOnly? DriftBaselineSince, CalibrationDay? LatestDay,
    IReadOnlyList<TauHistoryEntry> History, IReadOnlyList<CalibrationDay> Days)
{
    public TauHistoryEntry? Applied => History.FirstOrDefault(h => h.Status == TauStatus.Applied);

    public bool Drifted => LatestDay?.Drift == DriftStatus.Drifted;

    /// <summary>Proposals waiting for their holdout days.</summary>
    public int InHoldout => History.Count(h => h.Status == TauStatus.Holdout);

    /// <summary>One line for the wall and <c>lens monitor calibration</c>.</summary>
    public string Summary()
    {
        // The published τ is the truth; the history (newest first, bounded) only says where it came from when it reaches back that far.
        var tau = Parameters.Tau is not { } published ? "no τ applied yet"
            : Applied is { } a && a.Tau == published
                ? $"τ {Number(published)} ({(a.Source == TauSource.Override ? "set by " + a.Actor : "applied")} {a.DecidedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
                : $"τ {Number(published)}";
        var drift = LatestDay switch
        {
            null => "drift not judged yet",
            { Drift: DriftStatus.InsufficientBaseline } => "drift not judged yet (baseline forming)",
            { DriftSigma: { } s } d => $"drift {d.Drift.ToString().ToLowerInvariant()} ({s.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}σ)",
            { } d => $"drift {d.Drift.ToString().ToLowerInvariant()}",
        };
        return $"{Flag}: {tau}{(InHoldout > 0 ? $", {InHoldout} in holdout" : "")} · {drift} · {(Parameters.LtrFallback ? "LTR FALLBACK ON" : "LTR fallback off")}";
    }

    private static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
