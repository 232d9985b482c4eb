using Lens.Dashboard.Features.Access;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Rollouts;

public static class RolloutsApi
{
    public static IEndpointRouteBuilder MapRolloutsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rollouts").WithTags("Rollouts").RequireAuthorization(LensPolicies.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/audit", AuditAsync);
        group.MapGet("/{id:guid}/compare", async Task<Results<Ok<RolloutComparison>, ProblemHttpResult>> (Guid id, RolloutComparisons comparisons, CancellationToken ct) =>
            await comparisons.ForAsync(id, ct) is { } comparison
                ? TypedResults.Ok(comparison)
                : LensProblems.Field("id", $"There is no rollout {id}.", StatusCodes.Status404NotFound));
        foreach (var action in RolloutView.PeopleActions)
            group.MapPost($"/{{id:guid}}/{action.ToString().ToLowerInvariant()}",
                (Guid id, HttpRequest request, RolloutEngine engine, LiveMetrics metrics, TimeProvider clock, CancellationToken ct) =>
                    ActAsync(id, action, request, engine, metrics, clock, ct)).RequireAuthorization(LensPolicies.Lead);
        return app;
    }

    private static async Task<Results<Created<RolloutView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, RolloutEngine engine, LiveMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateRolloutRequest>(request, ct);
        if (problem is not null) return problem;
        var (stages, errors) = StageRequestMapper.Map(body!);
        if (string.IsNullOrWhiteSpace(body!.ReleaseVersion)) errors["releaseVersion"] = ["The version of an existing release is required."];
        if (string.IsNullOrWhiteSpace(body.Flag)) errors["flag"] = ["The key of the flag to drive is required."];
        else if (body.Flag.Length > 100 || body.Flag.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            errors["flag"] = ["A flag key is at most 100 letters, digits, '-', '_' or '.'."];
        if (errors.Count > 0) return LensProblems.Fields(errors);

        try
        {
            var rollout = await engine.CreateAsync(body.ReleaseVersion!.Trim(), body.Flag!, stages!, body.Plan,
                request.Actor(), ct);
            return TypedResults.Created($"/api/rollouts/{rollout.Id}", RolloutView.From(rollout, metrics.For(rollout.Flag).StageWindow(), clock.GetUtcNow()));
        }
        catch (LensRequestException ex)
        {
            return LensProblems.For(ex);
        }
    }

    private static async Task<Results<Ok<RolloutView[]>, ProblemHttpResult>> ListAsync(string? state, IDbContextFactory<LensDbContext> dbFactory, LiveMetrics metrics,
        TimeProvider clock, CancellationToken ct)
    {
        RolloutState? wanted = null;
        if (state is not null)
        {
            // A filter nobody understands must not silently list everything.
            if (!Enum.TryParse<RolloutState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
                return LensProblems.Field("state", $"Unknown state '{state}'. Use one of: {string.Join(", ", Enum.GetNames<RolloutState>())}.");
            wanted = parsed;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Rollouts.AsNoTracking();
        if (wanted is { } w) query = query.Where(r => r.State == w);
        var rollouts = await query.OrderByDescending(r => r.UpdatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(rollouts.Select(r => RolloutView.From(r, WindowFor(r, metrics), now)).ToArray());
    }

    private static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> GetAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory,
        LiveMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return rollout is null
            ? LensProblems.Field("id", $"There is no rollout {id}.", StatusCodes.Status404NotFound)
            : TypedResults.Ok(RolloutView.From(rollout, WindowFor(rollout, metrics), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<AuditEntry[]>, ProblemHttpResult>> AuditAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Rollouts.AnyAsync(r => r.Id == id, ct))
            return LensProblems.Field("id", $"There is no rollout {id}.", StatusCodes.Status404NotFound);
        return TypedResults.Ok(await db.AuditEntries.AsNoTracking().Where(a => a.RolloutId == id).OrderBy(a => a.Id).ToArrayAsync(ct));
    }

    private static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> ActAsync(Guid id, RolloutAction action, HttpRequest request,
        RolloutEngine engine, LiveMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RolloutActionRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Reason)) errors["reason"] = ["Every action needs a reason; it goes in the audit log."];
        if (action == RolloutAction.Promote && body.ExpectedStageIndex is null)
            errors["expectedStageIndex"] = ["Promote needs the stage index you are promoting from, as you saw it."];
        if (errors.Count > 0) return LensProblems.Fields(errors);

        try
        {
            var rollout = await engine.ActAsync(id, action, request.Actor(), body!.Reason!, body.ExpectedStageIndex, ct);
            return TypedResults.Ok(RolloutView.From(rollout, WindowFor(rollout, metrics), clock.GetUtcNow()));
        }
        catch (RolloutTransitionException ex)
        {
            return LensProblems.For(ex);
        }
        catch (LensRequestException ex)
        {
            return LensProblems.For(ex);
        }
    }

    internal static Lens.Core.Metrics.WindowMetrics WindowFor(Rollout rollout, LiveMetrics metrics)
    {
        var flagMetrics = metrics.For(rollout.Flag);
        return flagMetrics.ActiveStage?.RolloutId == rollout.Id ? flagMetrics.StageWindow() : Lens.Core.Metrics.WindowMetrics.Empty;
    }
}
