using System.Globalization;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// The nightly validation's API: start tonight's night (queued, answered at once), follow a night's progress, see
/// which candidates tonight validates, and pin or retire a candidate.
/// </summary>
public static class NightlyApi
{
    public const string NightFormat = "yyyy-MM-dd";

    public static IEndpointRouteBuilder MapNightlyApi(this IEndpointRouteBuilder app)
    {
        var nightly = app.MapGroup("/api/nightly").WithTags("Nightly").RequireAuthorization(LensPolicies.Read);
        nightly.MapPost("/run", StartAsync).RequireAuthorization(LensPolicies.Lead);
        nightly.MapGet("/candidates", CandidatesAsync);
        nightly.MapGet("/{night}", ProgressAsync);

        var release = app.MapGroup("/api/releases/{version}").WithTags("Nightly").RequireAuthorization(LensPolicies.Read);
        release.MapPost("/pin", (string version, HttpRequest request, NightlyChoices choices, CancellationToken ct) =>
            MarkAsync(version, request, (actor, reason) => choices.PinAsync(version, actor, reason, ct), ct)).RequireAuthorization(LensPolicies.Lead);
        release.MapPost("/unpin", (string version, HttpRequest request, NightlyChoices choices, CancellationToken ct) =>
            MarkAsync(version, request, (actor, reason) => choices.UnpinAsync(version, actor, reason, ct), ct)).RequireAuthorization(LensPolicies.Lead);
        release.MapPost("/retire", (string version, HttpRequest request, NightlyChoices choices, CancellationToken ct) =>
            MarkAsync(version, request, (actor, reason) => choices.RetireAsync(version, actor, reason, ct), ct)).RequireAuthorization(LensPolicies.Lead);
        return app;
    }

    public static string Id(DateOnly night) => night.ToString(NightFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// 202 whether or not this call started anything: the work is (or was) queued either way, and the body's "started"
    /// says which. A night already running is not a conflict for the caller, who wanted a night and gets pointed at it.
    /// </summary>
    private static async Task<Results<Accepted<NightStartView>, ProblemHttpResult>> StartAsync(
        NightlyValidation validation, NightlyProgressReader progress, CancellationToken ct)
    {
        NightStart start;
        try
        {
            start = await validation.StartNightAsync(ct);
        }
        catch (BenchRequestException ex)
        {
            return LensProblems.Field(ex.Field, ex.Message, ex.Status);
        }
        catch (Lens.Core.Bench.TrecFormatException ex)
        {
            return LensProblems.Field("Nightly:Slices", ex.Message, StatusCodes.Status409Conflict);
        }
        var url = $"/api/nightly/{Id(start.Night)}";
        return TypedResults.Accepted(url, new NightStartView(Id(start.Night), start.Started, start.Queued, url, await progress.LoadAsync(start.Night, ct)));
    }

    private static async Task<Results<Ok<NightProgress>, ProblemHttpResult>> ProgressAsync(string night, NightlyProgressReader progress, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(night, NightFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return LensProblems.Field("night", $"'{night}' is not a night; a night is its UTC date, {NightFormat}.");
        return await progress.LoadAsync(date, ct) is { } found
            ? TypedResults.Ok(found)
            : LensProblems.Field("night", $"No validation ran on the night of {night}.", StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<NightlyCandidatesView>> CandidatesAsync(NightlyChoices choices, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new NightlyCandidatesView(Id(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), choices.Max, await choices.ChooseAsync(ct)));

    private static async Task<Results<Ok<NightlyMarkView>, ProblemHttpResult>> MarkAsync(
        string version, HttpRequest request, Func<string, string, Task<Release>> mark, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<NightlyMarkRequest>(request, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Reason)) return LensProblems.Field("reason", "Say why; the reason goes in the audit log.");
        try
        {
            var release = await mark(request.Actor(), body.Reason);
            return TypedResults.Ok(new NightlyMarkView(release.Version, release.Pinned, release.Retired));
        }
        catch (ReleaseTransitionException ex)
        {
            return LensProblems.Field("release", ex.Message, StatusCodes.Status409Conflict);
        }
        catch (LensRequestException ex)
        {
            return LensProblems.For(ex);
        }
    }
}
