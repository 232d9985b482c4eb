namespace Lens.Core.Calibration;

/// <summary>
/// All impressions that had one exact score: how many, and how many were clicked. A day's impressions kept this way
/// give exactly the figures the raw impressions would: every fit here pools equal scores first.
/// </summary>
public readonly record struct ScoreCount(double Score, long Impressions, long Clicks);
