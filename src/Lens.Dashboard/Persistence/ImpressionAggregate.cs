namespace Lens.Dashboard.Persistence;

/// <summary>
/// A day's impressions of one flag, release and variant that had one exact score: how many, and how many were clicked. Every
/// calibration figure is exact on these, so they are kept instead of the raw events.
/// </summary>
public sealed class ImpressionAggregate
{
    private ImpressionAggregate() { }

    public string Flag { get; private set; } = "";
    public string Variant { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public double Score { get; private set; }
    public string Release { get; private set; } = "";
    public long Impressions { get; private set; }
    public long Clicks { get; private set; }
}
