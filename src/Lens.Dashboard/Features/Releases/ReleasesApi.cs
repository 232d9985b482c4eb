using Lens.Dashboard.Features.Access;
using System.Text.Json;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Releases;

public static class ReleasesApi
{
    public static WebApplicationBuilder AddLensReleases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReleaseCatalog>();
        builder.Services.AddSingleton<ReleasesReadModel>();
        builder.Services.AddSingleton<ReleaseDetailReadModel>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReleasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/releases").WithTags("Releases").RequireAuthorization(LensPolicies.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(LensPolicies.Lead);
        group.MapGet("/", ListAsync);
        group.MapGet("/{version}", GetAsync);
        group.MapGet("/{version}/config-fingerprint", FingerprintAsync);
        return app;
    }

    private static async Task<Results<Created<ReleaseView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ReleaseCatalog catalog, CancellationToken ct)
    {
        // A release's configuration may be sizeable, unlike every other request.
        var (body, problem) = await JsonBody.ReadAsync<CreateReleaseRequest>(request, ct, 256 * 1024);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (Release.VersionProblem(body!.Version) is { } versionProblem) errors["version"] = [versionProblem];
        if (body.Config is not { ValueKind: JsonValueKind.Object }) errors["config"] = ["The configuration must be a JSON object."];
        if (errors.Count > 0) return LensProblems.Fields(errors);

        Release release;
        try
        {
            release = await catalog.CreateAsync(body.Version!, body.Config!.Value, request.Actor(), ct);
        }
        catch (LensRequestException ex)
        {
            return LensProblems.For(ex);
        }
        return TypedResults.Created($"/api/releases/{Uri.EscapeDataString(release.Version)}", ReleaseView.From(release));
    }

    private static async Task<Ok<ReleaseView[]>> ListAsync(IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var releases = await db.Releases.AsNoTracking().OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(releases.Select(ReleaseView.From).ToArray());
    }

    /// <summary>config_fingerprint_&lt;version&gt;.json: the fingerprint, how it is computed, and the canonical configuration it covers.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FingerprintAsync(string version, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Version == version, ct);
        if (release is null) return LensProblems.Field("version", $"There is no release '{version}'.", StatusCodes.Status404NotFound);
        var document = JsonSerializer.SerializeToUtf8Bytes(new
        {
            version = release.Version,
            fingerprint = release.Fingerprint,
            algorithm = "sha256 of the canonical JSON: keys sorted by ordinal order, no whitespace, shortest round-trip numbers",
            createdAt = release.CreatedAt,
            config = JsonDocument.Parse(release.ConfigJson).RootElement,
        }, new JsonSerializerOptions { WriteIndented = true });
        return TypedResults.File(document, "application/json", FingerprintFileName(release.Version));
    }

    public static string FingerprintFileName(string version) => $"config_fingerprint_{version}.json";

    private static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> GetAsync(string version, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Version == version, ct);
        return release is null
            ? LensProblems.Field("version", $"There is no release '{version}'.", StatusCodes.Status404NotFound)
            : TypedResults.Ok(ReleaseView.From(release));
    }
}
