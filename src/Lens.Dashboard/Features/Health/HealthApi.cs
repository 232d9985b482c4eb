using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Health;

public static class HealthApi
{
    public static WebApplicationBuilder AddLensHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WriteProbe>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers and can read its database.
        app.MapGet("/health", async (IDbContextFactory<LensDbContext> dbFactory, FlagDirectory flags, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var databaseOk = await db.Database.CanConnectAsync(ct);
            var body = new { status = databaseOk ? "healthy" : "unhealthy", database = databaseOk, killSwitch = flags.KillSwitchActive, at = clock.GetUtcNow() };
            return databaseOk ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();

        // Readiness: it can also store what it is asked to (a kill switch, an audit entry), within seconds.
        app.MapGet("/health/ready", async (HttpContext context, WriteProbe probe, KillSwitchService killSwitches, TimeProvider clock, CancellationToken ct) =>
        {
            var problem = await probe.ProblemAsync(ct);
            // Anyone may ask whether the app is ready; only a signed-in caller is told why not.
            if (context.User.Identity?.IsAuthenticated != true)
                return problem is null ? Results.Ok(new { status = "ready" }) : Results.Json(new { status = "not ready" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            var unsaved = killSwitches.Pending.Select(p => new { name = p.Name, active = p.Active, at = p.At }).ToArray();
            var body = new { status = problem is null ? "ready" : "not ready", database = problem ?? "takes writes", killSwitchesNotSaved = unsaved, at = clock.GetUtcNow() };
            return problem is null ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}
