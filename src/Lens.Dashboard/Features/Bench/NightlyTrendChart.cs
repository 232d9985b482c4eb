using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Features.Bench;

/// <summary>ΔnDCG@10 per slice, night by night, against the gate's minimum; failing nights marked.</summary>
public static class NightlyTrendChart
{
    public static ChartSpec Build(IReadOnlyList<NightSummary> nights, double minNdcgDelta)
    {
        var slices = nights.SelectMany(n => n.Slices.Select(s => s.Slice)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lines = slices.Select((slice, i) => new ChartLine(slice, ChartColors.Distinct[i % ChartColors.Distinct.Length],
            nights.Select(n => new ChartPoint(AtNoon(n.Night), n.Slices.FirstOrDefault(s => s.Slice == slice)?.NdcgDelta)).ToList(), Width: 2.5)).ToList();
        var failed = nights.Where(n => !n.Passed)
            .SelectMany(n => n.Slices.Where(s => s.NdcgDelta is not null && s.FailedGates is { Count: > 0 })
                .Select(s => new ChartMarker(AtNoon(n.Night), s.NdcgDelta!.Value, $"{n.Night:yyyy-MM-dd} {s.Slice}: failed {string.Join(", ", s.FailedGates!.Select(Lens.Core.Bench.ReleaseGates.DisplayName))}")))
            .ToList();
        return new ChartSpec("ΔnDCG@10 per slice, by night", "ΔnDCG@10", lines,
            [new ChartThreshold($"gate: ΔnDCG@10 ≥ {minNdcgDelta:0.####}", minNdcgDelta)], Markers: failed, MarkerName: "Failed slice",
            Decimals: 4, EmptyText: "No night has a quality figure yet.", YMin: null, MinimumStep: TimeSpan.FromDays(1), ShowPoints: true);
    }

    private static DateTimeOffset AtNoon(DateOnly night) => new(night.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
