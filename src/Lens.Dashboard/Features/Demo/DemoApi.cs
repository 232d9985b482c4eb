using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Demo;

public static class DemoApi
{
    public sealed record FaultsRequest(double? ErrorRate, double? AddedLatencyMs);

    public static WebApplicationBuilder AddLensDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DemoFaults>();
        var enabled = builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled");
        if (!enabled) return builder;
        builder.Services.AddSingleton<DemoCorpus>();
        builder.Services.AddSingleton<DemoSearchService>();
        builder.Services.AddSingleton<DemoFlagClient>();
        builder.Services.AddSingleton<SelfAddress>();
        builder.Services.AddSingleton<DemoReadiness>();
        builder.Services.AddHostedService<DemoTrafficGenerator>();
        builder.Services.AddHostedService<DemoRolloutDirector>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demo").WithTags("Demo");
        group.MapGet("/", (IOptions<DemoOptions> options, DemoFaults faults) =>
            TypedResults.Ok(new { enabled = options.Value.Enabled, flag = options.Value.Flag, faults = faults.Current }));
        group.MapPost("/faults", async Task<Results<Ok<DemoFaults.Snapshot>, ProblemHttpResult>> (HttpRequest request, IOptions<DemoOptions> options,
            DemoFaults faults, CancellationToken ct) =>
        {
            if (!options.Value.Enabled)
                return LensProblems.Field("demo", "The demo workload is off (Demo:Enabled=false).", StatusCodes.Status404NotFound);
            var (body, problem) = await JsonBody.ReadAsync<FaultsRequest>(request, ct);
            if (problem is not null) return problem;
            var errors = new Dictionary<string, string[]>();
            if (body!.ErrorRate is { } rate && (rate < 0 || rate > 1)) errors["errorRate"] = ["Error rate is a fraction between 0 and 1."];
            if (body.AddedLatencyMs is { } added && (added < 0 || added > 10_000)) errors["addedLatencyMs"] = ["Added latency is between 0 and 10000 ms."];
            if (errors.Count > 0) return LensProblems.Fields(errors);
            faults.Set(body.ErrorRate ?? 0, body.AddedLatencyMs ?? 0);
            return TypedResults.Ok(faults.Current);
        });
        return app;
    }
}
