namespace Lens.Core.Calibration;

/// <summary>How a reliability curve's bins are cut, as scikit-learn's <c>calibration_curve</c> names them.</summary>
public enum BinStrategy
{
    /// <summary>Equal widths over [0, 1].</summary>
    Uniform,
    /// <summary>Equal counts: edges at the scores' percentiles (linear interpolation).</summary>
    Quantile,
}
