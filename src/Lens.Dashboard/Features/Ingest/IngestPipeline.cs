using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Metrics;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>Durable first, then counted, then checked: a batch is journaled, added to the live windows, and a breach triggers judgement.</summary>
public sealed class IngestPipeline(IngestJournal journal, LiveMetrics metrics, FlagDirectory flags, EvaluationTrigger trigger, TimeProvider clock)
{
    public async Task<IngestResponse> AcceptAsync(IngestBatch batch)
    {
        if (flags.Get(batch.Flag) is null)
            throw new IngestParseException("flag", $"Unknown flag '{batch.Flag}'. Flags exist once a rollout drives them; see GET /api/flags.",
                StatusCodes.Status422UnprocessableEntity);
        if (batch.IsEmpty && batch.Rejected.Count > 0)
            throw new IngestParseException("events", "No event in the batch is valid: " +
                string.Join("; ", batch.Rejected.Take(5).Select(r => $"events[{r.Index}].{r.Error}")), StatusCodes.Status422UnprocessableEntity);

        if (!batch.IsEmpty)
        {
            var bucket = MetricsClock.BucketOf(clock.GetUtcNow());
            await journal.AppendAsync(batch, bucket);
            var flagMetrics = metrics.For(batch.Flag);
            flagMetrics.Apply(batch, bucket);
            if (flagMetrics.BreachesGate() && flagMetrics.ActiveStage is { } stage) trigger.Request(stage.RolloutId);
            metrics.RaiseChanged(batch.Flag);
        }
        return new IngestResponse(batch.Count, batch.Rejected.ToArray());
    }
}
