using Lens.Dashboard.Features.Access;
using Lens.Core.Alerts;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Alerts;

public static class AlertsApi
{
    public static WebApplicationBuilder AddLensAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName);
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddSingleton<AlertService>();
        builder.Services.AddSingleton<AlertsReadModel>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.ScheduleEvery<AlertCheckJob>(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value.CheckInterval);
        return builder;
    }

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(LensPolicies.Read);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", RaiseAsync).RequireAuthorization(LensPolicies.OnCall);
        group.MapPost("/acknowledge", AcknowledgeManyAsync).RequireAuthorization(LensPolicies.OnCall);
        group.MapPost("/{id:guid}/acknowledge", (Guid id, HttpRequest request, AlertService alerts, CancellationToken ct) =>
            ActAsync(id, request, (actor, reason) => alerts.AcknowledgeAsync(id, actor, reason, ct), ct)).RequireAuthorization(LensPolicies.OnCall);
        group.MapPost("/{id:guid}/resolve", (Guid id, HttpRequest request, AlertService alerts, CancellationToken ct) =>
            ActAsync(id, request, (actor, reason) => alerts.ResolveAsync(id, actor, reason, ct), ct)).RequireAuthorization(LensPolicies.OnCall);
        return app;
    }

    private static async Task<Results<Ok<List<Alert>>, ProblemHttpResult>> ListAsync(string? state, string? severity, string? source, string? q, int? limit,
        IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !AlertQuery.States.Contains(state.ToLowerInvariant()))
            errors["state"] = [$"Unknown state '{state}'. Use one of: {string.Join(", ", AlertQuery.States)}."];
        AlertSeverity? minSeverity = null;
        if (severity is not null)
        {
            if (Enum.TryParse<AlertSeverity>(severity, ignoreCase: true, out var s) && Enum.IsDefined(s)) minSeverity = s;
            else errors["severity"] = [$"Unknown severity '{severity}'. Use INFO, WARN, HIGH or CRITICAL."];
        }
        AlertSource? wantedSource = null;
        if (source is not null)
        {
            if (Enum.TryParse<AlertSource>(source, ignoreCase: true, out var s) && Enum.IsDefined(s)) wantedSource = s;
            else errors["source"] = [$"Unknown source '{source}'. Use one of: {string.Join(", ", Enum.GetNames<AlertSource>())}."];
        }
        if (limit is < 1 or > 1000) errors["limit"] = ["limit is between 1 and 1000."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TypedResults.Ok(await new AlertQuery(state, minSeverity, wantedSource, q, limit ?? 200).RunAsync(db, ct));
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> GetAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } alert
            ? TypedResults.Ok(alert)
            : LensProblems.Field("id", $"There is no alert {id}.", StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<Alert>, ProblemHttpResult>> RaiseAsync(HttpRequest request, AlertService alerts, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RaiseAlertRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<AlertSeverity>(body!.Severity, ignoreCase: true, out var severity) || !Enum.IsDefined(severity))
            errors["severity"] = ["Say how severe it is: INFO, WARN, HIGH or CRITICAL."];
        if (string.IsNullOrWhiteSpace(body.Title)) errors["title"] = ["An alert needs a title people can read on the wall."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var key = string.IsNullOrWhiteSpace(body.Key) ? $"manual:{body.Title!.Trim().ToLowerInvariant()}" : body.Key.Trim();
        var alert = await alerts.RaiseAsync(new AlertSignal(key, severity, AlertSource.Manual, body.Title!.Trim(),
            $"{(string.IsNullOrWhiteSpace(body.Detail) ? "" : body.Detail.Trim() + " ")}Raised by {request.Actor()}.", body.Release), ct);
        return TypedResults.Created($"/api/alerts/{alert.Id}", alert);
    }

    /// <summary>Acknowledges several alerts at once: <c>{"ids":[…],"actor","reason"}</c>.</summary>
    private static async Task<Results<Ok<BulkAcknowledgement>, ProblemHttpResult>> AcknowledgeManyAsync(HttpRequest request, AlertService alerts, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BulkAcknowledgeRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.Ids is not { Count: > 0 } ids) errors["ids"] = ["List the ids of the alerts to acknowledge."];
        else if (ids.Count > 1000) errors["ids"] = ["At most 1000 alerts at a time."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["Say why; it is recorded on every alert."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        try
        {
            return TypedResults.Ok(await alerts.AcknowledgeManyAsync(body.Ids!.Distinct().ToList(), request.Actor(), body.Reason!, ct));
        }
        catch (KeyNotFoundException ex)
        {
            return LensProblems.Field("ids", ex.Message, StatusCodes.Status404NotFound);
        }
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> ActAsync(Guid id, HttpRequest request, Func<string, string, Task<Alert>> act, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AlertActionRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Reason)) errors["reason"] = ["Say why; it is recorded on the alert."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        try
        {
            return TypedResults.Ok(await act(request.Actor(), body!.Reason!));
        }
        catch (KeyNotFoundException ex)
        {
            return LensProblems.Field("id", ex.Message, StatusCodes.Status404NotFound);
        }
        catch (AlertTransitionException ex)
        {
            return LensProblems.Field("state", ex.Message, StatusCodes.Status409Conflict);
        }
    }
}
