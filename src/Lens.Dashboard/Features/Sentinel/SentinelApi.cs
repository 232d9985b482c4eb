using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Lens.Core.Sentinel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Sentinel;

public static class SentinelApi
{
    public static WebApplicationBuilder AddLensSentinel(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SentinelOptions>().BindConfiguration(SentinelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(ProbeClient.HttpClientName).AddHttpMessageHandler<SelfCallCredentials>();
        builder.Services.AddSingleton<ProbeClient>();
        builder.Services.AddSingleton<SentinelService>();
        builder.Services.AddSingleton<SentinelReadModel>();
        // First check one interval after start: the app (and a demo search it may probe) has settled by then.
        builder.Services.ScheduleEvery<SentinelProbeJob>(
            sp => sp.GetRequiredService<IOptions<SentinelOptions>>().Value.TrippedInterval,
            firstAfter: sp => sp.GetRequiredService<IOptions<SentinelOptions>>().Value.TrippedInterval);
        return builder;
    }

    public static IEndpointRouteBuilder MapSentinelApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sentinel").WithTags("Sentinel").RequireAuthorization(LensPolicies.Read);
        group.MapGet("/", async (IDbContextFactory<LensDbContext> dbFactory, IOptions<SentinelOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return TypedResults.Ok(await SentinelStatus.LoadAsync(db, options.Value, clock.GetUtcNow(), ct));
        });
        group.MapGet("/runs", async Task<Results<Ok<List<ProbeRun>>, ProblemHttpResult>> (int? hours, IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
        {
            if (hours is < 1 or > 24 * 30) return LensProblems.Field("hours", "hours is between 1 and 720.");
            var since = clock.GetUtcNow() - TimeSpan.FromHours(hours ?? 24);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return TypedResults.Ok(await db.ProbeRuns.AsNoTracking().Where(r => r.At >= since).OrderBy(r => r.Id).ToListAsync(ct));
        });
        group.MapPost("/run", async Task<Results<Ok<IReadOnlyList<ProbeRun>>, ProblemHttpResult>> (SentinelService sentinel, IOptions<SentinelOptions> options, CancellationToken ct) =>
            options.Value.Configured
                ? TypedResults.Ok(await sentinel.RunRoundAsync(ct))
                : LensProblems.Field("Sentinel:Endpoint", "No search endpoint is configured (Sentinel:Endpoint), so there is nothing to probe.", StatusCodes.Status409Conflict)).RequireAuthorization(LensPolicies.OnCall);
        return app;
    }
}
