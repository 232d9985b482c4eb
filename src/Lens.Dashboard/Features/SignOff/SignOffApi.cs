using Lens.Dashboard.Features.Access;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.SignOff;

public static class SignOffApi
{
    public static WebApplicationBuilder AddLensSignOff(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignOffOptions>().BindConfiguration(SignOffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignOffService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSignOffApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/releases/{version}").WithTags("Sign-off").RequireAuthorization(LensPolicies.Read);
        group.MapGet("/signoff", (string version, SignOffService service, CancellationToken ct) => Guard(() => service.StateAsync(version, ct)));
        group.MapPost("/decisions", DecideAsync).RequireAuthorization(LensPolicies.Manager);
        group.MapPost("/promote", PromoteAsync).RequireAuthorization(LensPolicies.Manager);
        group.MapGet("/report.md", ReportAsync);
        return app;
    }

    private static async Task<Results<Ok<SignOffState>, ProblemHttpResult>> DecideAsync(string version, HttpRequest request, SignOffService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Role)) errors["role"] = [$"Say in which role you decide: {string.Join(", ", service.Policy.Roles)}."];
        else if (!service.Policy.Roles.Contains(body.Role)) errors["role"] = [$"'{body.Role}' is not a sign-off role; the roles are {string.Join(", ", service.Policy.Roles)}."];
        if (body.Approved is null) errors["approved"] = ["Say whether you approve (true) or reject (false)."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["A decision needs a reason."];
        if (errors.Count > 0) return LensProblems.Fields(errors);
        return await Guard(() => service.DecideAsync(version, body.Role!, request.HttpContext.User, body.Approved!.Value, body.Reason!, ct));
    }

    private static async Task<Results<Ok<SignOffState>, ProblemHttpResult>> PromoteAsync(string version, HttpRequest request, SignOffService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PromoteRequest>(request, ct);
        if (problem is not null) return problem;
        return await Guard(() => service.PromoteAsync(version, request.Actor(), body!.Reason, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportAsync(string version, HttpRequest request, SignOffService service, TimeProvider clock, CancellationToken ct)
    {
        var state = await Guard(() => service.StateAsync(version, ct));
        if (state.Result is not Ok<SignOffState> { Value: { } s }) return (ProblemHttpResult)state.Result;
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(SignOffReport.Markdown(s, clock.GetUtcNow(), $"{request.Scheme}://{request.Host}{request.PathBase}")), "text/markdown; charset=utf-8", SignOffReport.FileName(version));
    }

    private static async Task<Results<Ok<SignOffState>, ProblemHttpResult>> Guard(Func<Task<SignOffState>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (LensRequestException ex)
        {
            return LensProblems.For(ex);
        }
        catch (ReleaseTransitionException ex)
        {
            return LensProblems.Fields(new Dictionary<string, string[]> { ["release"] = ex.Reasons.ToArray() }, ex.Message, StatusCodes.Status409Conflict);
        }
    }
}
