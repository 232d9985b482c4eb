namespace Lens.Core.Metrics;

public enum Variant
{
    Baseline = 0,
    Candidate = 1,
}
