namespace Lens.Core.Calibration;

/// <summary>One day after a proposal: the results per query its τ and map would have let through on that day's impressions.</summary>
public sealed record HoldoutDay(DateOnly Day, double ResultsPerQuery, long Queries);
