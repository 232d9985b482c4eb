using Lens.Dashboard.Features.Access;
using System.Globalization;
using System.Text;
using Lens.Core.Monitoring;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Detectors;

public static class DetectorsApi
{
    public sealed record ObservationRequest(string? Metric, double? Value);

    public static WebApplicationBuilder AddLensDetectors(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DetectorOptions>().BindConfiguration(DetectorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DetectorService>();
        builder.Services.AddSingleton<DetectorsReadModel>();
        builder.Services.ScheduleEvery<LatencySamplingJob>(sp => sp.GetRequiredService<IOptions<DetectorOptions>>().Value.LatencySampleInterval);
        return builder;
    }

    public static async Task EnsureLensDetectorsAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<DetectorService>().EnsureConfiguredAsync();

    public static IEndpointRouteBuilder MapDetectorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/detectors").WithTags("Detectors");
        group.MapGet("/", async (IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return TypedResults.Ok(await db.Detectors.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct));
        }).RequireAuthorization(LensPolicies.Read);
        group.MapGet("/{name}", GetAsync).RequireAuthorization(LensPolicies.Read);
        group.MapGet("/{name}/history.csv", HistoryCsvAsync).RequireAuthorization(LensPolicies.Read);
        group.MapPost("/{name}/reset", ResetAsync).RequireAuthorization(LensPolicies.OnCall);
        group.MapPost("/observations", ObserveAsync).RequireAuthorization(LensPolicies.Ingest);
        return app;
    }

    private static async Task<Results<Ok<Detector>, ProblemHttpResult>> GetAsync(string name, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Detectors.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, ct) is { } detector
            ? TypedResults.Ok(detector)
            : LensProblems.Field("name", $"There is no detector '{name}'.", StatusCodes.Status404NotFound);
    }

    /// <summary>The whole history in the column layout <c>lens monitor cusum</c> reads, so alarms can be replayed with other k and h.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HistoryCsvAsync(string name, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Detectors.AnyAsync(d => d.Name == name, ct))
            return LensProblems.Field("name", $"There is no detector '{name}'.", StatusCodes.Status404NotFound);
        var rows = await db.DetectorObservations.AsNoTracking().Where(o => o.Detector == name).OrderBy(o => o.Id).ToListAsync(ct);
        var csv = new StringBuilder("at,phase,value,c_plus,c_minus,alarm_high,alarm_low,note\n");
        foreach (var o in rows)
            csv.Append(CultureInfo.InvariantCulture, $"{o.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{o.Phase},{o.Value?.ToString("R", CultureInfo.InvariantCulture)},")
               .Append(CultureInfo.InvariantCulture, $"{o.CPlus:R},{o.CMinus:R},{(o.AlarmHigh ? 1 : 0)},{(o.AlarmLow ? 1 : 0)},{Csv(o.Note)}\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", ReplayCommand.FileName(name));
    }

    private static string Csv(string? text) =>
        text is null ? "" : text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static async Task<Results<Ok<Detector>, ProblemHttpResult>> ResetAsync(string name, HttpRequest request, DetectorService detectors, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AlertActionRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Reason)) errors["reason"] = ["A reset needs a reason; it is kept in the detector's history."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        try
        {
            return TypedResults.Ok(await detectors.ResetAsync(name, request.Actor(), body!.Reason!, ct));
        }
        catch (KeyNotFoundException ex)
        {
            return LensProblems.Field("name", ex.Message, StatusCodes.Status404NotFound);
        }
    }

    private static async Task<Results<Accepted<object>, ProblemHttpResult>> ObserveAsync(HttpRequest request, DetectorService detectors, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ObservationRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Metric)) errors["metric"] = [$"Name the metric. Watched: {string.Join(", ", detectors.Metrics)}."];
        else if (!detectors.Metrics.Contains(body.Metric)) errors["metric"] = [$"No detector watches '{body.Metric}'. Watched: {string.Join(", ", detectors.Metrics)}."];
        if (body.Value is not { } value || !double.IsFinite(value)) errors["value"] = ["A finite number is required."];
        else if (!errors.ContainsKey("metric") && detectors.RangeOf(body.Metric!) is var (min, max) && (value < min || value > max))
            errors["value"] = [$"{body.Metric} lies between {min:G6} and {max:G6}; {value:G6} is outside it."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var taken = await detectors.ObserveAsync(body.Metric!, body.Value!.Value, ct);
        return TypedResults.Accepted((string?)null, (object)new { metric = body.Metric, value = body.Value, detectors = taken });
    }
}
