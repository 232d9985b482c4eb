namespace Lens.Core.Metrics;

/// <summary>One gauge over one window, as both variants reported it.</summary>
public sealed record GaugePair(GaugeSummary Baseline, GaugeSummary Candidate)
{
    public static readonly GaugePair Empty = new(GaugeSummary.Empty, GaugeSummary.Empty);
}
