namespace Lens.Core.Statistics;

/// <summary>One arm of a rate comparison: how many of its trials (requests, impressions) succeeded (errored, were clicked).</summary>
public readonly record struct RateCounts(long Successes, long Trials)
{
    public double Rate => Trials == 0 ? 0 : (double)Successes / Trials;

    public void Validate(string arm)
    {
        if (Trials < 0 || Successes < 0) throw new ArgumentOutOfRangeException(arm, $"{arm}: counts cannot be negative.");
        if (Successes > Trials) throw new ArgumentOutOfRangeException(arm, $"{arm}: {Successes} successes in {Trials} trials.");
    }
}
