namespace Lens.Core.Metrics;

/// <summary>Adds gauge reports up, one at a time or a stored aggregate at once. Not thread-safe: its owner locks.</summary>
public sealed class GaugeAccumulator
{
    public long Samples { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(double value) => Add(1, value, value, value);

    public void Add(long samples, double sum, double min, double max)
    {
        if (samples <= 0) return;
        Samples += samples;
        Sum += sum;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
    }

    public void Clear()
    {
        Samples = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    public GaugeSummary ToSummary() => Samples == 0 ? GaugeSummary.Empty : new GaugeSummary(Samples, Sum, Min, Max);
}
