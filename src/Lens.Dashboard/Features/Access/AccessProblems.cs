using Microsoft.AspNetCore.Mvc;

namespace Lens.Dashboard.Features.Access;

/// <summary>The problem details for "who are you?" (401) and "you may not" (403), written straight to the response.</summary>
public static class AccessProblems
{
    public const string Field = "authorization";

    public static Task WriteUnauthorizedAsync(HttpContext context, string? detail = null) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign in first.",
            detail ?? "This needs a signed-in user or a bearer token (Authorization: Bearer <secret>).");

    public static Task WriteForbiddenAsync(HttpContext context, string? detail = null) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed.",
            detail ?? $"{Caller.Describe(context.User)} may not do this. Ask an admin for the role it needs.");

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [Field] = [detail] } },
        };
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    /// <summary>Machine callers get problem details; only a browser asking for a page is sent to the sign-in form.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/canary")
        || request.Path.StartsWithSegments("/compat") || request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/account")
        || IsDeployApi(request.Path);

    // The guide's deployment API lives beside its pages (/deploy, /deploy/{id}): only its commands and reports are API.
    private static bool IsDeployApi(PathString path) =>
        path.StartsWithSegments("/deploy/start") || path.StartsWithSegments("/deploy/status") || path.StartsWithSegments("/deploy/abort")
        || (path.StartsWithSegments("/deploy") && path.Value!.Contains("/reports/", StringComparison.Ordinal));
}
