namespace Lens.Core.Statistics;

/// <summary>
/// The two-sided tabular CUSUM exactly as the textbook defines it, with C⁺₀ = C⁻₀ = 0:
/// C⁺ᵢ = max(0, xᵢ − (μ₀ + K) + C⁺ᵢ₋₁) and C⁻ᵢ = max(0, (μ₀ − K) − xᵢ + C⁻ᵢ₋₁), K = kσ, H = hσ.
/// A side signals while it exceeds H. Sums are not reset on a signal; <see cref="Reset"/> does that when a
/// person decides to (for example after the cause is fixed).
/// </summary>
public sealed class CusumDetector
{
    private int _index;

    public CusumDetector(CusumParameters parameters)
    {
        var problems = parameters.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(parameters));
        Parameters = parameters;
    }

    public CusumParameters Parameters { get; }
    public double CPlus { get; private set; }
    public double CMinus { get; private set; }
    public int NPlus { get; private set; }
    public int NMinus { get; private set; }

    public CusumStep Add(double value)
    {
        var step = Next(Parameters, new CusumStep(_index, 0, CPlus, CMinus, NPlus, NMinus, false, false), value);
        (_index, CPlus, CMinus, NPlus, NMinus) = (step.Index, step.CPlus, step.CMinus, step.NPlus, step.NMinus);
        return step;
    }

    /// <summary>One step of the recursion from the previous step's sums (null for C⁺₀ = C⁻₀ = 0), so a stored detector can carry on.</summary>
    public static CusumStep Next(CusumParameters p, CusumStep? previous, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "Observations must be finite numbers.");
        var cPlus = Math.Max(0, value - (p.Target + p.Allowance) + (previous?.CPlus ?? 0));
        var cMinus = Math.Max(0, (p.Target - p.Allowance) - value + (previous?.CMinus ?? 0));
        var nPlus = cPlus > 0 ? (previous?.NPlus ?? 0) + 1 : 0;
        var nMinus = cMinus > 0 ? (previous?.NMinus ?? 0) + 1 : 0;
        return new CusumStep((previous?.Index ?? 0) + 1, value, cPlus, cMinus, nPlus, nMinus, cPlus > p.DecisionInterval, cMinus > p.DecisionInterval);
    }

    public void Reset()
    {
        CPlus = CMinus = 0;
        NPlus = NMinus = 0;
    }

    public static IReadOnlyList<CusumStep> Replay(IEnumerable<double> series, CusumParameters parameters)
    {
        var detector = new CusumDetector(parameters);
        return series.Select(detector.Add).ToArray();
    }
}
