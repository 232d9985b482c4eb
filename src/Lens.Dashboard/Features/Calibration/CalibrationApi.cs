using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Ingest;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Calibration;

public static class CalibrationApi
{
    public static WebApplicationBuilder AddLensCalibration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImpressionStore>();
        builder.Services.AddSingleton<CalibrationReadModel>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calibration").WithTags("Calibration");
        group.MapPost("/impressions", AddAsync).RequireAuthorization(LensPolicies.Ingest).RequireRateLimiting(RateLimits.IngestPolicy);
        group.MapGet("/", async (CalibrationReadModel model, CancellationToken ct) => TypedResults.Ok(await model.TodayAsync(ct)))
            .RequireAuthorization(LensPolicies.Read);
        return app;
    }

    /// <summary>Same rules as request ingest: a service token, batch limits, each bad event named by index, the rest counted once, durable before the 202.</summary>
    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> AddAsync(HttpRequest request, ImpressionStore store, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ImpressionBatchRequest>(request, ct, IngestApi.MaxBodyBytes);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Flag)) errors["flag"] = ["The flag the results were served under is required."];
        if (body.Variant is not (ImpressionStore.Baseline or ImpressionStore.Candidate)) errors["variant"] = ["variant must be \"baseline\" or \"candidate\"."];
        if (body.Events is null) errors["events"] = ["events must be an array of impressions."];
        else if (body.Events.Count > ImpressionBatchParser.MaxEvents)
            return LensProblems.Field("events", $"A batch holds at most {ImpressionBatchParser.MaxEvents} events; send the rest in another request.", StatusCodes.Status413PayloadTooLarge);
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var (valid, rejected) = ImpressionBatchParser.Parse(body.Events!);
        await store.AddAsync(body.Flag!, body.Variant!, valid, ct);
        return TypedResults.Accepted((string?)null, new IngestResponse(valid.Count, rejected));
    }
}
