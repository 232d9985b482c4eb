namespace Lens.Core.Monitoring;

public enum DetectorPhase
{
    /// <summary>Learning μ₀ and σ from the first observations.</summary>
    Baseline,
    Monitoring,
    /// <summary>A person zeroed the sums; the observation row carries their reason.</summary>
    Reset,
}
