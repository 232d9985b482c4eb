namespace Lens.Core.Statistics;

/// <summary>
/// One observation through a tabular CUSUM: C⁺ and C⁻ after it, whether either exceeds H, and N⁺ / N⁻, the number
/// of consecutive observations since that side was last zero (which dates the start of a shift).
/// </summary>
public sealed record CusumStep(int Index, double Value, double CPlus, double CMinus, int NPlus, int NMinus, bool AlarmHigh, bool AlarmLow)
{
    public bool Alarm => AlarmHigh || AlarmLow;
}
