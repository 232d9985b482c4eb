using System.Net.Http.Json;
using Lens.Core.Rollouts;
using Lens.Dashboard.Persistence;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Asks a stage's confirm URLs whether it may advance (Flagger's confirm-promotion): each gets a POST describing the
/// move and must answer 2xx. A refusal, an error or no answer within CanaryJudgement:ConfirmTimeout holds the stage.
/// </summary>
public sealed class ConfirmWebhooks(IHttpClientFactory httpFactory, ILogger<ConfirmWebhooks> logger)
{
    public const string HttpClientName = "confirm-promotion";

    /// <summary>Null when every receiver agreed; otherwise what holds the stage, naming the receiver and its answer.</summary>
    public async Task<string?> AskAsync(Rollout rollout, CancellationToken ct)
    {
        var client = httpFactory.CreateClient(HttpClientName);
        var next = rollout.StageIndex + 1 < rollout.Stages.Count ? rollout.Stages[rollout.StageIndex + 1].Percent : 100m;
        var body = new ConfirmRequest(rollout.Id, rollout.Flag, rollout.ReleaseVersion, rollout.StageIndex, rollout.CurrentPercent, next);
        foreach (var url in rollout.CurrentStage.ConfirmUrls ?? [])
        {
            try
            {
                using var response = await client.PostAsJsonAsync(url, body, LensJson.Options, ct);
                if (!response.IsSuccessStatusCode)
                    return $"confirmation from {url} (answered {(int)response.StatusCode})";
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "Confirm webhook {Url} for rollout {Id} is unreachable", url, rollout.Id);
                return $"confirmation from {url} (unreachable)";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return $"confirmation from {url} (no answer in time)";
            }
        }
        return null;
    }

    /// <summary>What a receiver is asked to confirm: this rollout moving from one share to the next.</summary>
    private sealed record ConfirmRequest(Guid RolloutId, string Flag, string ReleaseVersion, int StageIndex, decimal Percent, decimal NextPercent);
}
