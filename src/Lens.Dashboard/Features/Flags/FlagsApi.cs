using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Hosting;
using System.Text.Json;
using Lens.Core.Flags;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Flags;

public static class FlagsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static WebApplicationBuilder AddLensFlags(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FlagDirectory>();
        builder.Services.AddSingleton<KillSwitchService>();
        builder.Services.AddSingleton<SubFeatureControls>();
        builder.Services.AddHostedService<KillSwitchWriter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFlagsApi(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api/flags").WithTags("Flags").RequireAuthorization(LensPolicies.Flags);
        flags.MapGet("/", (FlagDirectory directory) => TypedResults.Ok(directory.All()));
        flags.MapGet("/stream", StreamAsync);
        flags.MapGet("/{key}", Results<Ok<FlagState>, ProblemHttpResult> (string key, FlagDirectory directory) =>
            directory.Get(key) is { } flag
                ? TypedResults.Ok(flag)
                : LensProblems.Field("key", $"There is no flag '{key}'.", StatusCodes.Status404NotFound));
        // People switch sub-features off, services never do: this one sits outside the services' group.
        var parameters = app.MapGroup("/api/flags/{key}/parameters").WithTags("Flags").RequireAuthorization(LensPolicies.Read);
        parameters.MapPost("/{name}/killswitch", SetSubFeatureKillSwitchAsync).RequireAuthorization(LensPolicies.OnCall);

        var killSwitch = app.MapGroup("/api/killswitch").WithTags("Flags").RequireAuthorization(LensPolicies.Read);
        killSwitch.MapPost("/", SetKillSwitchAsync).RequireAuthorization(LensPolicies.OnCall);
        killSwitch.MapGet("/", async (KillSwitchService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        return app;
    }

    /// <summary>200 once stored; 202 with <c>"durable": false</c> when the database cannot take the write yet (an activation is in force already).</summary>
    internal static async Task<Results<Ok<KillSwitchChange>, Accepted<KillSwitchChange>, ProblemHttpResult>> SetKillSwitchAsync(HttpRequest request, KillSwitchService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<KillSwitchRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.Active is null) errors["active"] = ["Say whether the kill switch should be active (true) or not (false)."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["A kill switch change needs a reason; it goes in the audit log."];
        var name = body.Name ?? KillSwitch.ManualEmergency;
        if (!KillSwitch.Names.Contains(name)) errors["name"] = [$"Unknown kill switch '{name}'. Known: {string.Join(", ", KillSwitch.Names)}."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var change = await service.SetAsync(name, body.Active!.Value, request.Actor(), body.Reason!, ct);
        return change.Durable ? TypedResults.Ok(change) : TypedResults.Accepted((string?)null, change);
    }

    /// <summary>Switches one sub-feature off for every user (or back on) without touching the flag's share or other sub-features.</summary>
    internal static async Task<Results<Ok<FlagParameters>, ProblemHttpResult>> SetSubFeatureKillSwitchAsync(string key, string name, HttpRequest request,
        SubFeatureControls controls, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SubFeatureKillSwitchRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (!SubFeatureNames.IsValid(name)) errors["name"] = [$"'{name}' is not a sub-feature name: dotted identifiers such as {SubFeatureNames.StageCEnabled}."];
        if (body!.Active is null) errors["active"] = ["Say whether the sub-feature's kill switch should be active (true) or not (false)."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["A kill switch change needs a reason; it goes in the audit log."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        var state = await controls.SetKillSwitchAsync(key, name, body.Active!.Value, request.Actor(), body.Reason!.Trim(), ct);
        return state is null
            ? LensProblems.Field("key", $"There is no flag '{key}'.", StatusCodes.Status404NotFound)
            : TypedResults.Ok(state.Parameters);
    }

    /// <summary>Server-Sent Events: every flag's current state on connect, then every change as it is saved.</summary>
    private static async Task StreamAsync(HttpContext context, FlagDirectory directory, IHostApplicationLifetime lifetime, TokenRegistry tokens)
    {
        // A stream opened with a token ends when the token is revoked, at the next change or heartbeat at the latest.
        var token = context.User.FindFirst(Caller.TokenClaim)?.Value;
        // A stream ends when the app starts stopping: an open stream would otherwise hold the server's shutdown open.
        using var open = lifetime.UntilStopping(context.RequestAborted);
        var ct = open.Token;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = directory.Subscribe();
        foreach (var flag in directory.All()) await WriteAsync(context.Response, flag, ct);
        await context.Response.Body.FlushAsync(ct);

        try
        {
            while (!ct.IsCancellationRequested && (token is null || tokens.IsActive(token)))
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                heartbeat.CancelAfter(Heartbeat);
                try
                {
                    var flag = await subscription.Updates.ReadAsync(heartbeat.Token);
                    await WriteAsync(context.Response, flag, ct);
                    while (subscription.Updates.TryRead(out var more)) await WriteAsync(context.Response, more, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private static Task WriteAsync(HttpResponse response, FlagState flag, CancellationToken ct) =>
        response.WriteAsync($"event: flag\nid: {flag.Key}:{flag.Version}\ndata: {JsonSerializer.Serialize(flag, LensJson.Options)}\n\n", ct);
}
