using Lens.Core.Flags;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Features.Ingest;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Calibration;

public static class CalibrationApi
{
    public static WebApplicationBuilder AddLensCalibration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImpressionStore>();
        builder.Services.AddSingleton<CalibrationReadModel>();
        builder.Services.AddOptions<CalibrationOptions>().BindConfiguration(CalibrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DailyCalibration>();
        builder.Services.AddSingleton<CalibrationControls>();
        builder.Services.ScheduleCron<DailyCalibrationJob>(sp => sp.GetRequiredService<IOptions<CalibrationOptions>>().Value.Schedule);
        builder.Services.AddHostedService<CalibrationCatchUp>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calibration").WithTags("Calibration");
        group.MapPost("/impressions", AddAsync).RequireAuthorization(LensPolicies.Ingest).RequireRateLimiting(RateLimits.IngestPolicy);
        group.MapGet("/", async (CalibrationReadModel model, CancellationToken ct) => TypedResults.Ok(await model.TodayAsync(ct)))
            .RequireAuthorization(LensPolicies.Read);
        group.MapGet("/status", async (CalibrationReadModel model, CancellationToken ct) => TypedResults.Ok(await model.StatusAsync(ct)))
            .RequireAuthorization(LensPolicies.Read);
        // A run freezes days one by one; a caller who gives up must not leave a day half done, so it runs to the app's end.
        group.MapPost("/run", async Task<Results<Ok<IReadOnlyList<CalibrationRunResult>>, ProblemHttpResult>> (HttpRequest request, DailyCalibration daily, IHostApplicationLifetime lifetime) =>
            JsonBody.UnexpectedBodyProblem(request) is { } body ? body : TypedResults.Ok(await daily.RunAsync(lifetime.ApplicationStopping)))
            .RequireAuthorization(LensPolicies.Lead);
        group.MapPost("/{flag}/tau", OverrideTauAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapPost("/{flag}/fallback", SetFallbackAsync).RequireAuthorization(LensPolicies.Lead);
        return app;
    }

    /// <summary>A lead's τ applies at once (no holdout), with the map already in force, and goes in the τ history with its reason.</summary>
    private static async Task<Results<Ok<FlagParameters>, ProblemHttpResult>> OverrideTauAsync(string flag, HttpRequest request, CalibrationControls controls, CancellationToken ct)
    {
        if (FlagKeyProblem(flag) is { } bad) return bad;
        var (body, problem) = await JsonBody.ReadAsync<TauOverrideRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.Tau is not { } tau) errors["tau"] = ["tau is required: the calibrated score, between 0 and 1, results must reach."];
        else if (!double.IsFinite(tau) || tau is < 0 or > 1) errors["tau"] = ["tau must be between 0 and 1: it is a calibrated score."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["Overriding τ needs a reason; it goes in the τ history and the audit log."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        return await controls.OverrideTauAsync(flag, body.Tau!.Value, request.Actor(), body.Reason!.Trim(), ct) is { } parameters
            ? TypedResults.Ok(parameters)
            : LensProblems.Field("flag", $"There is no flag '{flag}' and no impressions or calibration history for it: check the key.", StatusCodes.Status404NotFound);
    }

    /// <summary>Turns the fallback ranker on or off by hand; clearing it also resolves the drift alert and restarts the drift baseline.</summary>
    private static async Task<Results<Ok<FlagParameters>, ProblemHttpResult>> SetFallbackAsync(string flag, HttpRequest request, CalibrationControls controls, CancellationToken ct)
    {
        if (FlagKeyProblem(flag) is { } bad) return bad;
        var (body, problem) = await JsonBody.ReadAsync<LtrFallbackRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.Active is null) errors["active"] = ["Say whether services should use the fallback ranker (true) or their LTR ranker (false)."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["Changing the LTR fallback needs a reason; it goes in the audit log."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var parameters = await controls.SetFallbackAsync(flag, body.Active!.Value, request.Actor(), body.Reason!.Trim(), ct);
        return parameters is null
            ? LensProblems.Field("flag", $"There is no flag '{flag}', so it has no fallback to clear.", StatusCodes.Status404NotFound)
            : TypedResults.Ok(parameters);
    }

    private static ProblemHttpResult? FlagKeyProblem(string flag) =>
        flag.Length > JsonBody.StringLimits["flag"] || flag.Any(char.IsControl)
            ? LensProblems.Field("flag", $"A flag key is at most {JsonBody.StringLimits["flag"]} characters, with no control characters.")
            : null;

    /// <summary>Same rules as request ingest: a service token, batch limits, each bad event named by index, the rest counted once, durable before the 202.</summary>
    private static Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> AddAsync(HttpRequest request, ImpressionStore store, IngestIdempotency idempotency,
        CancellationToken ct) =>
        idempotency.HandleAsync(request, "impressions", () => ReadAndAddAsync(request, store, ct));

    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> ReadAndAddAsync(HttpRequest request, ImpressionStore store, CancellationToken ct)
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
