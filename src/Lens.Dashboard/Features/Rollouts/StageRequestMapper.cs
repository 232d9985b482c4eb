using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Turns a create request into stages: a named plan, or the client's own stages checked field by field.</summary>
public static class StageRequestMapper
{
    public static (IReadOnlyList<RolloutStage>? Stages, Dictionary<string, string[]> Errors) Map(CreateRolloutRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Plan is not null && request.Stages is not null)
        {
            errors["plan"] = ["Give either a named plan or stages, not both."];
            return (null, errors);
        }
        if (request.Plan is not null)
        {
            var plan = RolloutPlans.Find(request.Plan);
            if (plan is null) errors["plan"] = [$"Unknown plan '{request.Plan}'. Known plans: {string.Join(", ", RolloutPlans.Names)}."];
            return (plan, errors);
        }
        if (request.Stages is null or { Count: 0 })
        {
            errors["stages"] = [$"Give a named plan ({string.Join(", ", RolloutPlans.Names)}) or at least one stage."];
            return (null, errors);
        }

        var stages = new List<RolloutStage>();
        for (var i = 0; i < request.Stages.Count; i++)
        {
            var s = request.Stages[i];
            if (s is null) { errors[$"stages[{i}]"] = ["A stage is required here."]; continue; }
            if (s.Percent is null) errors[$"stages[{i}].percent"] = ["Percent is required."];
            if (s.MinDuration is null) errors[$"stages[{i}].minDuration"] = ["Minimum duration is required, as hh:mm:ss."];
            var g = s.Gates ?? new GatesRequest(null, null, null, null, null);
            var onBreach = Policy(s.OnBreach, BreachPolicy.Rollback, $"stages[{i}].onBreach", "\"rollback\" or \"stepBack\"", errors);
            var approval = Policy(s.Approval, ApprovalPolicy.None, $"stages[{i}].approval", "\"none\" or \"lead\"", errors);
            if (s.ConfirmUrls?.Any(u => u is null) == true) errors[$"stages[{i}].confirmUrls"] = ["A confirm URL cannot be null."];
            List<GaugeGate>? gauges = null;
            if (g.Gauges is not null)
            {
                gauges = [];
                for (var j = 0; j < g.Gauges.Count; j++)
                {
                    if (g.Gauges[j] is not { } gauge) { errors[$"stages[{i}].gates.gauges[{j}]"] = ["A gauge gate is required here."]; continue; }
                    gauges.Add(new GaugeGate(gauge.Name ?? "", gauge.Max, gauge.Min, gauge.MaxIncreaseVsBaseline, gauge.MaxDecreaseVsBaseline,
                        gauge.MinSamples ?? GaugeGate.DefaultMinSamples));
                }
            }
            stages.Add(new RolloutStage(s.Percent ?? 0, s.MinDuration ?? TimeSpan.Zero,
                new StageGates(g.MaxErrorRate, g.MaxP99Ms, g.MaxP99ToP95, g.MinSamples ?? 100, g.FailureLimit ?? 1,
                    g.TargetResultsPerQuery, g.MaxResultsPerQueryDrift, g.MaxP95IncreaseVsBaseline, g.InconclusiveLimit ?? 0, g.MaxErrorRateIncreaseVsBaseline,
                    gauges),
                onBreach, approval, s.ConfirmUrls?.ToArray()));
        }
        if (errors.Count > 0) return (null, errors);
        foreach (var error in StagePlan.Validate(stages)) errors[error.Field] = [error.Message];
        return (errors.Count > 0 ? null : stages, errors);
    }

    // Spelled as a word (any case), never as the enum's number: "1" is not a policy anyone meant.
    private static T Policy<T>(string? text, T fallback, string field, string allowed, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (text is null) return fallback;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !text.Any(char.IsDigit)) return parsed;
        errors[field] = [$"{field.Split('.')[^1]} is {allowed}."];
        return fallback;
    }
}
