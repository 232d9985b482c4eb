using Lens.Dashboard.Features.Access;
using Lens.Core.Releases;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Compat;

public static class CompatApi
{
    /// <summary><c>GET /compat/check?api_version=v1&amp;index_version=v1</c>: pure computation, no storage, so it answers in microseconds.</summary>
    public static IEndpointRouteBuilder MapCompatApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/compat/check", Results<Ok<CompatibilityAnswer>, ProblemHttpResult> (HttpRequest request) =>
        {
            var api = request.Query["api_version"].ToString();
            var index = request.Query["index_version"].ToString();
            var errors = new Dictionary<string, string[]>();
            if (!SemanticVersion.TryParse(api, out var apiVersion)) errors["api_version"] = [Explain(api)];
            if (!SemanticVersion.TryParse(index, out var indexVersion)) errors["index_version"] = [Explain(index)];
            if (errors.Count > 0) return LensProblems.Fields(errors);
            var verdict = Compatibility.Check(apiVersion, indexVersion);
            return TypedResults.Ok(new CompatibilityAnswer(verdict.Compatible, verdict.Reason, apiVersion.ToString(), indexVersion.ToString()));
        }).WithTags("Compatibility").RequireAuthorization(LensPolicies.Flags);
        return app;
    }

    private static string Explain(string given) => string.IsNullOrEmpty(given)
        ? "Required: a version such as v1, 1.4 or 1.4.2."
        : $"'{given}' is not a SemVer version; use v1, 1.4 or 1.4.2 (optionally -prerelease).";
}
