using System.Globalization;

namespace Lens.Core.Calibration;

/// <summary>
/// A τ and its isotonic map on their way to services. A daily proposal is held out for two days: if the results per
/// query its τ lets through on each of the next two days of candidate impressions stay inside target ± tolerance, it
/// applies; the first day outside rejects it, saying which day and by how much. A lead's override applies at once.
/// </summary>
public sealed class TauProposal
{
    public const int HoldoutDaysNeeded = 2;

    private TauProposal() { }

    public Guid Id { get; private set; }
    public string Flag { get; private set; } = "";
    /// <summary>The day the map was fitted on (a daily proposal) or the day it was set (an override).</summary>
    public DateOnly Day { get; private set; }
    public string Release { get; private set; } = "";
    public TauSource Source { get; private set; }
    public TauStatus Status { get; private set; }
    public double Tau { get; private set; }
    public IReadOnlyList<double> MapX { get; private set; } = [];
    public IReadOnlyList<double> MapY { get; private set; } = [];
    public double Target { get; private set; }
    public double Tolerance { get; private set; }
    /// <summary>Results per query at τ on the day it was fitted on (in sample).</summary>
    public double? FittedResultsPerQuery { get; private set; }
    public IReadOnlyList<HoldoutDay> Holdout { get; private set; } = [];
    public DateTimeOffset ProposedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string Actor { get; private set; } = "";
    public string Reason { get; private set; } = "";

    public static TauProposal Propose(string flag, DateOnly day, string release, TauChoice tau, IsotonicCalibration map, double tolerance, string actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(flag)) throw new ArgumentException("A proposal needs a flag.", nameof(flag));
        ArgumentNullException.ThrowIfNull(tau);
        ArgumentNullException.ThrowIfNull(map);
        return new TauProposal
        {
            Id = Guid.NewGuid(), Flag = flag, Day = day, Release = release, Source = TauSource.Daily, Status = TauStatus.Holdout,
            Tau = tau.Value, MapX = [.. map.X], MapY = [.. map.Y], Target = tau.Target, Tolerance = tolerance,
            FittedResultsPerQuery = tau.MeanResultsPerQuery, ProposedAt = now, Actor = actor,
            Reason = $"fitted on {Text(day)}: {tau.MeanResultsPerQuery.ToString("0.00", CultureInfo.InvariantCulture)} results per query at τ {Number(tau.Value)}; held out on the next {HoldoutDaysNeeded} days",
        };
    }

    /// <summary>A lead's τ, applied at once, with the map already in force (or none).</summary>
    public static TauProposal Override(string flag, DateOnly day, double tau, IReadOnlyList<double> mapX, IReadOnlyList<double> mapY, double target, double tolerance,
        string actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(flag)) throw new ArgumentException("An override needs a flag.", nameof(flag));
        if (!double.IsFinite(tau) || tau is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(tau), "τ is a calibrated score, between 0 and 1.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("An override needs a reason.", nameof(reason));
        return new TauProposal
        {
            Id = Guid.NewGuid(), Flag = flag, Day = day, Source = TauSource.Override, Status = TauStatus.Applied, Tau = tau,
            MapX = [.. mapX], MapY = [.. mapY], Target = target, Tolerance = tolerance, FittedResultsPerQuery = null,
            ProposedAt = now, DecidedAt = now, Actor = actor, Reason = reason,
        };
    }

    public IsotonicCalibration? Map => MapX.Count == 0 ? null : IsotonicCalibration.FromThresholds(MapX, MapY);

    /// <summary>Results per query this proposal's τ and map let through on a day of raw scores.</summary>
    public double ResultsPerQueryOn(ScoreCount[] histogram, long queries)
    {
        if (queries <= 0) throw new ArgumentOutOfRangeException(nameof(queries), "Results per query needs at least one query.");
        var map = Map;
        long passed = 0;
        foreach (var c in histogram)
            if ((map?.Apply(c.Score) ?? c.Score) >= Tau) passed += c.Impressions;
        return (double)passed / queries;
    }

    /// <summary>Records a holdout day; returns true when that decided the proposal (applied or rejected).</summary>
    public bool RecordHoldoutDay(HoldoutDay result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Status != TauStatus.Holdout)
            throw new TauProposalException($"The τ proposal of {Text(Day)} for {Flag} is {Status.ToString().ToLowerInvariant()} already; it takes no more holdout days.");
        var last = Holdout.Count == 0 ? Day : Holdout[^1].Day;
        if (result.Day <= last)
            throw new TauProposalException($"Holdout day {Text(result.Day)} is not after {Text(last)}: holdout days come after the fitted day, in order.");
        Holdout = [.. Holdout, result];
        var envelope = $"{Number(Target)} ± {Number(Tolerance)}";
        if (Math.Abs(result.ResultsPerQuery - Target) > Tolerance)
        {
            Decide(TauStatus.Rejected, now,
                $"on {Text(result.Day)} τ {Number(Tau)} let through {result.ResultsPerQuery.ToString("0.00", CultureInfo.InvariantCulture)} results per query, outside {envelope}");
            return true;
        }
        if (Holdout.Count < HoldoutDaysNeeded) return false;
        Decide(TauStatus.Applied, now,
            $"held out {string.Join(" and ", Holdout.Select(h => $"{Text(h.Day)} ({h.ResultsPerQuery.ToString("0.00", CultureInfo.InvariantCulture)})"))}: results per query stayed inside {envelope}");
        return true;
    }

    private void Decide(TauStatus status, DateTimeOffset now, string reason)
    {
        Status = status;
        DecidedAt = now;
        Reason = reason;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
