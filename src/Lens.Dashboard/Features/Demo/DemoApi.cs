using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Lens.Core.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Demo;

public static class DemoApi
{
    public sealed record FaultsRequest(double? ErrorRate, double? AddedLatencyMs, bool? ZeroResults, int? MaxResults = null);

    public static WebApplicationBuilder AddLensDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DemoFaults>();
        var enabled = builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled");
        if (!enabled) return builder;
        DemoDefaults.AddTo(builder.Configuration);
        builder.Services.AddSingleton(new RolloutPagePanel(typeof(DemoFaultPanel), r => r.PlanName == DemoRolloutDirector.PlanName && !r.IsTerminal));
        builder.Services.AddSingleton<DemoCorpus>();
        builder.Services.AddSingleton<DemoSearchService>();
        builder.Services.AddSingleton<DemoFlagClient>();
        builder.Services.AddSingleton<DemoReadiness>();
        builder.Services.AddHostedService<DemoTrafficGenerator>();
        builder.Services.AddHostedService<DemoRolloutDirector>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demo").WithTags("Demo");
        group.MapGet("/", (IOptions<DemoOptions> options, DemoFaults faults) =>
            TypedResults.Ok(new { enabled = options.Value.Enabled, flag = options.Value.Flag, faults = faults.Current })).RequireAuthorization(LensPolicies.Read);
        group.MapPost("/faults", async Task<Results<Ok<DemoFaults.Snapshot>, ProblemHttpResult>> (HttpRequest request, IOptions<DemoOptions> options,
            DemoFaults faults, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<FaultsRequest>(request, ct);
            if (problem is not null) return problem;
            if (!options.Value.Enabled)
                return LensProblems.Field("demo", "The demo workload is off (Demo:Enabled=false).", StatusCodes.Status404NotFound);
            var errors = new Dictionary<string, string[]>();
            if (body!.ErrorRate is { } rate && (rate < 0 || rate > 1)) errors["errorRate"] = ["Error rate is a fraction between 0 and 1."];
            if (body.AddedLatencyMs is { } added && (added < 0 || added > 10_000)) errors["addedLatencyMs"] = ["Added latency is between 0 and 10000 ms."];
            if (body.MaxResults is { } cap && (cap < 0 || cap > DemoFaults.MaxResultsPerAnswer))
                errors["maxResults"] = [$"Max results is between 0 and {DemoFaults.MaxResultsPerAnswer} (leave it out for no cap)."];
            if (errors.Count > 0) return LensProblems.Fields(errors);
            faults.Set(body.ErrorRate ?? 0, body.AddedLatencyMs ?? 0, body.ZeroResults ?? false, body.MaxResults);
            return TypedResults.Ok(faults.Current);
        }).RequireAuthorization(LensPolicies.Lead);
        // The demo service's search over HTTP, for sentinel probes: {"results": [{"file", "line", "score"}]}.
        group.MapGet("/search", async Task<Results<Ok<object>, ProblemHttpResult>> (string? q, string? variant, IServiceProvider services, DemoFaults faults, CancellationToken ct) =>
        {
            if (services.GetService<DemoSearchService>() is not { } search)
                return LensProblems.Field("demo", "The demo workload is off (Demo:Enabled=false).", StatusCodes.Status404NotFound);
            if (string.IsNullOrWhiteSpace(q)) return LensProblems.Field("q", "Give a query: /api/demo/search?q=class.");
            var which = string.Equals(variant, "candidate", StringComparison.OrdinalIgnoreCase) ? Variant.Candidate : Variant.Baseline;
            var answer = await search.SearchAsync(which, q, Random.Shared, ct);
            if (!answer.Ok) return LensProblems.Field("q", "The demo candidate failed this request (injected fault).", StatusCodes.Status503ServiceUnavailable);
            var hits = faults.Current.ZeroResults ? [] : answer.Hits;
            return TypedResults.Ok((object)new { query = q, variant = which.ToString().ToLowerInvariant(), results = hits.Select(h => new { file = h.File, line = h.Line, score = h.Score }) });
        }).RequireAuthorization(LensPolicies.Flags);
        return app;
    }
}
