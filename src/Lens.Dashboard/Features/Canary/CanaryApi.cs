using Lens.Dashboard.Features.Access;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Canary;

/// <summary>The names operators already use, kept as thin aliases over the rollout and kill-switch APIs.</summary>
public static class CanaryApi
{
    public sealed record ProgressRequest(Guid? RolloutId, string? Actor, string? Reason, int? ExpectedStageIndex);

    public static IEndpointRouteBuilder MapCanaryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/canary").WithTags("Canary");
        group.MapGet("/status", StatusAsync).RequireAuthorization(LensPolicies.Flags);
        group.MapPost("/progress", ProgressAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapPost("/killswitch", FlagsApi.SetKillSwitchAsync).RequireAuthorization(LensPolicies.OnCall);
        return app;
    }

    private static async Task<IResult> StatusAsync(IDbContextFactory<LensDbContext> dbFactory, FlagDirectory flags, LiveMetrics metrics,
        TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = await db.Rollouts.AsNoTracking()
            .Where(r => r.State == RolloutState.Running || r.State == RolloutState.Paused || r.State == RolloutState.Pending)
            .OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new
        {
            killSwitch = flags.KillSwitchActive,
            activeKillSwitches = flags.ActiveKillSwitches,
            rollouts = live.Select(r => RolloutView.From(r, RolloutsApi.WindowFor(r, metrics), now)),
        });
    }

    /// <summary>Promotes the given rollout, or the only live one when none is named.</summary>
    private static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> ProgressAsync(HttpRequest request, RolloutEngine engine,
        IDbContextFactory<LensDbContext> dbFactory, LiveMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProgressRequest>(request, ct);
        if (problem is not null) return problem;
        var id = body!.RolloutId;
        if (id is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var running = await db.Rollouts.Where(r => r.State == RolloutState.Running).Select(r => r.Id).Take(2).ToListAsync(ct);
            if (running.Count != 1)
                return LensProblems.Field("rolloutId", running.Count == 0 ? "No rollout is running." : "Several rollouts are running; name one with rolloutId.");
            id = running[0];
        }
        if (string.IsNullOrWhiteSpace(body.Reason) || body.ExpectedStageIndex is null)
            return LensProblems.Field(string.IsNullOrWhiteSpace(body.Reason) ? "reason" : "expectedStageIndex",
                "Progress needs reason and expectedStageIndex (the stage you are promoting from).");
        try
        {
            var rollout = await engine.ActAsync(id.Value, RolloutAction.Promote, request.Actor(), body.Reason, body.ExpectedStageIndex, ct);
            return TypedResults.Ok(RolloutView.From(rollout, RolloutsApi.WindowFor(rollout, metrics), clock.GetUtcNow()));
        }
        catch (RolloutTransitionException ex) { return LensProblems.For(ex); }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }
}
