using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>One detector under "Detectors:Watch:{name}". Without Target and Sigma, μ₀ and σ are learned from the first BaselineSize values.</summary>
public sealed class DetectorDefinition
{
    [Required]
    public string Metric { get; set; } = "";

    [Range(0, 10)]
    public double K { get; set; } = 0.5;

    [Range(0.01, 100)]
    public double H { get; set; } = 5;

    public double? Target { get; set; }

    [Range(1e-9, double.MaxValue)]
    public double? Sigma { get; set; }

    [Range(2, 10_000)]
    public int BaselineSize { get; set; } = 20;

    /// <summary>The smallest σ a learned baseline may have, in the metric's units, so a flat baseline still gives a usable H.</summary>
    [Range(1e-9, double.MaxValue)]
    public double SigmaFloor { get; set; } = 0.01;

    /// <summary>The smallest value the metric can take; an observation below it is refused, never learned.</summary>
    public double Minimum { get; set; }

    /// <summary>The largest value the metric can take (1 for a fraction). Bounded input keeps every statistic finite.</summary>
    [Range(double.Epsilon, 1e12)]
    public double Maximum { get; set; } = 1e9;

    /// <summary>
    /// The flag whose rollout this metric speaks for: while that flag's rollout runs, an alarm held longer than
    /// CanaryJudgement:DriftRollbackAfter rolls it back. Empty: the metric is tied to no rollout.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string? Flag { get; set; }
}
