using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>One slice of a night in words, naming the failed gates: the same line on the page and in the report.</summary>
public static class NightlyTrendText
{
    public static string Slice(NightSlice s)
    {
        if (s.Error is not null) return $"{s.Slice}: error ({s.Error})";
        var verdict = s.Verdict is { } v ? BenchReportWriter.VerdictWord(v) : "running";
        var failed = s.FailedGates is { Count: > 0 } gates ? $" ({string.Join(", ", gates.Select(ReleaseGates.DisplayName))})" : "";
        var delta = s.NdcgDelta is { } d ? $" · ΔnDCG@10 {TrecOutput.SignedFourDecimals(d)}" : "";
        return $"{s.Slice}: {verdict}{failed}{delta}";
    }
}
