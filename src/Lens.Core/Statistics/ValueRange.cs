namespace Lens.Core.Statistics;

/// <summary>A closed range [Lower, Upper] that a quantity is known to lie in (a bound, not a confidence interval).</summary>
public readonly record struct ValueRange(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    public double Width => Upper - Lower;
}
