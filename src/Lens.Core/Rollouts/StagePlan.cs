namespace Lens.Core.Rollouts;

/// <summary>Checks a list of stages before a rollout may use it.</summary>
public static class StagePlan
{
    public const int MaxStages = 20;

    public static IReadOnlyList<PlanError> Validate(IReadOnlyList<RolloutStage>? stages)
    {
        var errors = new List<PlanError>();
        if (stages is null || stages.Count == 0)
        {
            errors.Add(new PlanError("stages", "A rollout needs at least one stage."));
            return errors;
        }
        if (stages.Count > MaxStages)
            errors.Add(new PlanError("stages", $"A rollout has at most {MaxStages} stages."));

        decimal previous = 0;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var at = $"stages[{i}]";
            if (stage.Percent <= 0 || stage.Percent > 100)
                errors.Add(new PlanError($"{at}.percent", "Percent must be greater than 0 and at most 100."));
            else if (decimal.Round(stage.Percent, 2) != stage.Percent)
                errors.Add(new PlanError($"{at}.percent", "Percent has a granularity of 0.01."));
            else if (stage.Percent <= previous)
                errors.Add(new PlanError($"{at}.percent", "Each stage must serve a larger share than the one before."));
            previous = Math.Max(previous, stage.Percent);

            if (!Enum.IsDefined(stage.OnBreach))
                errors.Add(new PlanError($"{at}.onBreach", "onBreach is \"rollback\" or \"stepBack\"."));
            else if (stage.OnBreach == BreachPolicy.StepBack && i == 0)
                errors.Add(new PlanError($"{at}.onBreach", "The first stage has no previous stage to step back to; it can only roll back."));
            if (!Enum.IsDefined(stage.Approval))
                errors.Add(new PlanError($"{at}.approval", "approval is \"none\" or \"lead\"."));
            foreach (var error in ConfirmUrls.Validate(stage.ConfirmUrls, $"{at}.confirmUrls")) errors.Add(error);
            if (stage.MinDuration < TimeSpan.Zero)
                errors.Add(new PlanError($"{at}.minDuration", "Minimum duration cannot be negative."));
            if (stage.Gates is null)
            {
                errors.Add(new PlanError($"{at}.gates", "A stage needs gates (they may be empty)."));
                continue;
            }
            if (stage.Gates.MaxErrorRate is { } rate && (rate < 0 || rate > 1 || !double.IsFinite(rate)))
                errors.Add(new PlanError($"{at}.gates.maxErrorRate", "Error rate is a fraction between 0 and 1."));
            if (stage.Gates.MaxP99Ms is { } p99 && (p99 <= 0 || !double.IsFinite(p99)))
                errors.Add(new PlanError($"{at}.gates.maxP99Ms", "p99 latency limit must be a positive number of milliseconds."));
            if (stage.Gates.MaxP99ToP95 is { } ratio && (ratio < 1 || !double.IsFinite(ratio)))
                errors.Add(new PlanError($"{at}.gates.maxP99ToP95", "p99/p95 limit must be at least 1."));
            var target = stage.Gates.TargetResultsPerQuery;
            var drift = stage.Gates.MaxResultsPerQueryDrift;
            if (target is { } t && (t <= 0 || !double.IsFinite(t)))
                errors.Add(new PlanError($"{at}.gates.targetResultsPerQuery", "Target results per query must be a positive number."));
            if (drift is { } d && (d < 0 || !double.IsFinite(d)))
                errors.Add(new PlanError($"{at}.gates.maxResultsPerQueryDrift", "Results-per-query drift must be a number, zero or more."));
            if (target is not null && drift is null)
                errors.Add(new PlanError($"{at}.gates.maxResultsPerQueryDrift", "A results-per-query target needs a drift: how far either side of it the mean may go."));
            if (target is null && drift is not null)
                errors.Add(new PlanError($"{at}.gates.targetResultsPerQuery", "A results-per-query drift needs a target to drift from."));
            if (stage.Gates.MaxP95IncreaseVsBaseline is { } increase && (increase < 0 || !double.IsFinite(increase)))
                errors.Add(new PlanError($"{at}.gates.maxP95IncreaseVsBaseline", "The p95 increase over baseline is a fraction, zero or more (0.10 for 10%)."));
            if (stage.Gates.MaxErrorRateIncreaseVsBaseline is { } errorIncrease && (errorIncrease < 0 || errorIncrease > 1 || !double.IsFinite(errorIncrease)))
                errors.Add(new PlanError($"{at}.gates.maxErrorRateIncreaseVsBaseline", "The error-rate increase over baseline is a fraction between 0 and 1 (0.005 for half a point)."));
            if (stage.Percent is <= 0 or >= 100)
            {
                if (stage.Gates.MaxP95IncreaseVsBaseline is not null)
                    errors.Add(new PlanError($"{at}.gates.maxP95IncreaseVsBaseline", "Comparing with the baseline needs traffic on both sides: at 100% the baseline serves nobody."));
                if (stage.Gates.MaxErrorRateIncreaseVsBaseline is not null)
                    errors.Add(new PlanError($"{at}.gates.maxErrorRateIncreaseVsBaseline", "Comparing with the baseline needs traffic on both sides: at 100% the baseline serves nobody."));
            }
            foreach (var error in GaugePlan.Validate(stage.Gates.Gauges, $"{at}.gates.gauges", stage.Percent)) errors.Add(error);
            if (stage.Gates.InconclusiveLimit < 0)
                errors.Add(new PlanError($"{at}.gates.inconclusiveLimit", "Inconclusive limit must be zero (never pause) or more."));
            if (stage.Gates.MinSamples < 1)
                errors.Add(new PlanError($"{at}.gates.minSamples", "Minimum samples must be at least 1."));
            if (stage.Gates.FailureLimit < 1)
                errors.Add(new PlanError($"{at}.gates.failureLimit", "Failure limit must be at least 1."));
        }
        return errors;
    }
}
