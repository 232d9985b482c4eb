using Lens.Core.Deployment;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Hosting;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Deploy;

public static class DeployApi
{
    public static WebApplicationBuilder AddLensDeploy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeployOptions>().BindConfiguration(DeployOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeploymentReports>();
        builder.Services.AddSingleton<DeploymentService>();
        builder.Services.AddSingleton<DeploymentEndWebhooks>();
        builder.Services.AddSingleton<ReleasePhases>();
        builder.Services.AddSingleton<CanaryPhases>();
        builder.Services.AddSingleton<ActivationPhases>();
        builder.Services.AddSingleton<DeploymentStepper>();
        builder.Services.AddHostedService<DeploymentRunner>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDeployApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/deploy").WithTags("Deploy").RequireAuthorization(LensPolicies.Read);
        group.MapPost("/start", StartAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapPost("/abort", AbortAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapGet("/status", StatusAsync);
        group.MapGet("/{id:guid}/reports/{file}", ReportAsync);
        return app;
    }

    /// <summary>202 with the status object; a dry run answers 200 with the plan and changes nothing.</summary>
    private static async Task<Results<Accepted<DeploymentStatus>, Ok<DeploymentPlan>, ProblemHttpResult>> StartAsync(HttpRequest request, DeploymentService deployments, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DeployStartRequest>(request, ct);
        if (problem is not null) return problem;
        try
        {
            var start = deployments.RequestFrom(body!);
            if (body!.DryRun == true) return TypedResults.Ok(deployments.Plan(start));
            var pipeline = await deployments.StartAsync(start, request.Actor(), ct);
            return TypedResults.Accepted($"/deploy/status?id={pipeline.Id}", deployments.StatusOf(pipeline));
        }
        catch (LensValidationException ex) { return LensProblems.For(ex); }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }

    private static async Task<Results<Ok<DeploymentStatus>, ProblemHttpResult>> AbortAsync(HttpRequest request, DeploymentService deployments, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DeployAbortRequest>(request, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Reason)) return LensProblems.Field("reason", "An abort needs a reason; it goes in the audit log and the failure report.");
        try
        {
            var pipeline = await deployments.AbortAsync(body.Id, request.Actor(), body.Reason.Trim(), ct);
            return TypedResults.Ok(deployments.StatusOf(pipeline));
        }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }

    /// <summary>With an id, that pipeline's status object; without, every pipeline's, newest first.</summary>
    private static async Task<Results<Ok<DeploymentStatus>, Ok<IReadOnlyList<DeploymentStatus>>, ProblemHttpResult>> StatusAsync(
        HttpRequest request, DeploymentService deployments, CancellationToken ct)
    {
        var raw = request.Query["id"].ToString();
        if (raw.Length == 0)
            return TypedResults.Ok<IReadOnlyList<DeploymentStatus>>([.. (await deployments.ListAsync(ct)).Select(deployments.StatusOf)]);
        if (!Guid.TryParse(raw, out var id)) return LensProblems.Field("id", $"'{raw}' is not a pipeline id.");
        return await deployments.FindAsync(id, ct) is { } pipeline
            ? TypedResults.Ok(deployments.StatusOf(pipeline))
            : LensProblems.Field("id", $"There is no pipeline {id}.", StatusCodes.Status404NotFound);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> ReportAsync(Guid id, string file, DeploymentReports reports) =>
        reports.PathOf(id, file) is { } path && File.Exists(path)
            ? TypedResults.PhysicalFile(path, file.EndsWith(".md", StringComparison.Ordinal) ? "text/markdown; charset=utf-8" : "application/json", file)
            : LensProblems.Field("file", $"Pipeline {id} has no report '{file}'.", StatusCodes.Status404NotFound);
}
