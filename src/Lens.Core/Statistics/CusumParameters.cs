namespace Lens.Core.Statistics;

/// <summary>
/// A tabular CUSUM's settings: the in-control mean μ₀ and standard deviation σ (from a baseline period), and
/// k and h in units of σ, so K = kσ is the allowance and H = hσ the decision interval.
/// </summary>
public sealed record CusumParameters(double Target, double Sigma, double K = 0.5, double H = 5)
{
    public double Allowance => K * Sigma;
    public double DecisionInterval => H * Sigma;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(Target)) problems.Add("target (μ0) must be a finite number");
        if (!(Sigma > 0) || !double.IsFinite(Sigma)) problems.Add("sigma must be a positive number");
        if (!(K >= 0) || !double.IsFinite(K)) problems.Add("k must be zero or more");
        if (!(H > 0) || !double.IsFinite(H)) problems.Add("h must be a positive number");
        return problems;
    }
}
