using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IDbContextFactory<LensDbContext> dbFactory, FlagDirectory flags, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var databaseOk = await db.Database.CanConnectAsync(ct);
            var body = new { status = databaseOk ? "healthy" : "unhealthy", database = databaseOk, killSwitch = flags.KillSwitchActive, at = clock.GetUtcNow() };
            return databaseOk ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}
