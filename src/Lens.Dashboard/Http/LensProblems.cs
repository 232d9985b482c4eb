using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lens.Dashboard.Http;

/// <summary>RFC 7807 problem responses that always name the field at fault under <c>errors</c>.</summary>
public static class LensProblems
{
    /// <summary>An illegal or stale transition: always 409, with the aggregate's own reason.</summary>
    public static ProblemHttpResult For(Lens.Core.Rollouts.RolloutTransitionException ex) => Field("state", ex.Message, StatusCodes.Status409Conflict);

    public static ProblemHttpResult For(LensRequestException ex) => Field(ex.Field, ex.Message, ex.Status);

    public static ProblemHttpResult For(LensValidationException ex) => Fields(ex.Errors);

    public static ProblemHttpResult Field(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Fields(new Dictionary<string, string[]> { [field] = [message] }, message, status);

    /// <summary>A problem for several fields at once; its detail lists each field with its first message.</summary>
    public static ProblemHttpResult Fields(IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) =>
        Fields(errors, string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")), status);

    public static ProblemHttpResult Fields(IDictionary<string, string[]> errors, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = TitleFor(status),
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
            Extensions = { ["errors"] = errors },
        });

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Sign in first.",
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "The request conflicts with the current state.",
        413 => "The request is too large.",
        422 => "The request cannot be processed.",
        503 => "The service is not accepting this now.",
        _ => "The request failed.",
    };
}
