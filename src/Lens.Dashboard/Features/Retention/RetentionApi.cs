using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Retention;

public static class RetentionApi
{
    public static WebApplicationBuilder AddLensRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddSingleton<RetentionNotice>();
        // First run one interval after start, not during start-up's replay of metric buckets.
        builder.Services.ScheduleEvery<RetentionJob>(
            sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Interval,
            firstAfter: sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Interval);
        return builder;
    }

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/retention").WithTags("Retention").RequireAuthorization(LensPolicies.Read);
        group.MapGet("/", (RetentionService retention, IOptions<RetentionOptions> options) =>
            TypedResults.Ok(new RetentionStatus(RetentionPolicy.Rules(options.Value), RetentionPolicy.KeptForGood,
                RetentionPolicy.RunningRolloutsNote, options.Value.Interval, retention.LastRun)));
        // A body would be silently ignored, so it is refused (as the calibration run does).
        group.MapPost("/run", async Task<Results<Ok<RetentionRun>, ProblemHttpResult>> (HttpRequest request, RetentionService retention, CancellationToken ct) =>
                JsonBody.UnexpectedBodyProblem(request) is { } body ? body : TypedResults.Ok(await retention.RunNowAsync(ct)))
            .RequireAuthorization(LensPolicies.Admin);
        return app;
    }
}
