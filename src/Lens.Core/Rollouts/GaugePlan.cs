using System.Text.RegularExpressions;
using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>Checks a stage's gauge gates, naming each field as a client sent it (stages[0].gates.gauges[1].max).</summary>
public static partial class GaugePlan
{
    public const int MaxGaugesPerStage = 20;

    /// <summary>The names a gauge may have, on ingest and in gates alike: what a metrics name usually looks like.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public const string NameRule = "1 to 64 letters, digits, '_', '-' or '.', starting with a letter";

    public static IEnumerable<PlanError> Validate(IReadOnlyList<GaugeGate>? gauges, string at, decimal percent)
    {
        if (gauges is null) yield break;
        if (gauges.Count > MaxGaugesPerStage)
            yield return new PlanError(at, $"A stage has at most {MaxGaugesPerStage} gauge gates.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < gauges.Count; j++)
        {
            var g = gauges[j];
            var field = $"{at}[{j}]";
            if (g is null)
            {
                yield return new PlanError(field, "A gauge gate is required here.");
                continue;
            }
            if (!IsValidName(g.Name))
                yield return new PlanError($"{field}.name", $"A gauge name is {NameRule}.");
            else if (!seen.Add(g.Name))
                yield return new PlanError($"{field}.name", $"Gauge '{g.Name}' already has gates in this stage; put its limits in one entry.");
            if (g.Max is null && g.Min is null && g.MaxIncreaseVsBaseline is null && g.MaxDecreaseVsBaseline is null)
                yield return new PlanError(field, "A gauge gate needs at least one of max, min, maxIncreaseVsBaseline or maxDecreaseVsBaseline.");
            if (g.Max is { } max && !double.IsFinite(max))
                yield return new PlanError($"{field}.max", "The ceiling must be a finite number.");
            if (g.Min is { } min && !double.IsFinite(min))
                yield return new PlanError($"{field}.min", "The floor must be a finite number.");
            if (g is { Max: { } hi, Min: { } lo } && double.IsFinite(hi) && double.IsFinite(lo) && lo > hi)
                yield return new PlanError($"{field}.min", "The floor is above the ceiling: no value could pass.");
            if (g.MaxIncreaseVsBaseline is { } up && (up < 0 || !double.IsFinite(up)))
                yield return new PlanError($"{field}.maxIncreaseVsBaseline", "The increase over baseline is a fraction, zero or more (0.10 for 10%).");
            if (g.MaxDecreaseVsBaseline is { } down && (down < 0 || down > 1 || !double.IsFinite(down)))
                yield return new PlanError($"{field}.maxDecreaseVsBaseline", "The decrease below baseline is a fraction between 0 and 1 (0.05 for 5%).");
            if (percent >= 100 && g.MaxIncreaseVsBaseline is not null)
                yield return new PlanError($"{field}.maxIncreaseVsBaseline", "Comparing with the baseline needs traffic on both sides: at 100% the baseline serves nobody.");
            if (percent >= 100 && g.MaxDecreaseVsBaseline is not null)
                yield return new PlanError($"{field}.maxDecreaseVsBaseline", "Comparing with the baseline needs traffic on both sides: at 100% the baseline serves nobody.");
            if (g.MinSamples < 1)
                yield return new PlanError($"{field}.minSamples", "Minimum gauge reports must be at least 1.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();
}
