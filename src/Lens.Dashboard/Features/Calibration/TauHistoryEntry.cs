using Lens.Core.Calibration;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>One τ in a flag's history, without its map: proposed (in holdout), applied or rejected, and why.</summary>
public sealed record TauHistoryEntry(Guid Id, DateOnly Day, string Release, TauSource Source, TauStatus Status, double Tau, double? FittedResultsPerQuery,
    IReadOnlyList<HoldoutDay> Holdout, DateTimeOffset ProposedAt, DateTimeOffset? DecidedAt, string Actor, string Reason)
{
    public static TauHistoryEntry From(TauProposal p) =>
        new(p.Id, p.Day, p.Release, p.Source, p.Status, p.Tau, p.FittedResultsPerQuery, p.Holdout, p.ProposedAt, p.DecidedAt, p.Actor, p.Reason);
}
