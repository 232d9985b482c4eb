namespace Lens.Dashboard.Features.Calibration;

/// <summary>One result shown to a user: its query, the ranker's confidence in [0, 1], and whether it was clicked.</summary>
public readonly record struct Impression(string QueryId, double Score, bool Clicked);
