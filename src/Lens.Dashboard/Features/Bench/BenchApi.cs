using Lens.Dashboard.Features.Access;
using Lens.Core.Bench;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

public static class BenchApi
{
    public static WebApplicationBuilder AddLensBench(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BenchOptions>().BindConfiguration(BenchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<NightlyOptions>().BindConfiguration(NightlyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(LiveBenchClient.HttpClientName).AddHttpMessageHandler<SelfCallCredentials>();
        builder.Services.AddSingleton<LiveBenchClient>();
        builder.Services.AddSingleton<BenchRunner>();
        builder.Services.AddSingleton<BenchQueue>();
        builder.Services.AddSingleton<FinalBenchLauncher>();
        builder.Services.AddHostedService<BenchWorker>();
        builder.Services.AddSingleton<NightlyChoices>();
        builder.Services.AddSingleton<NightlyValidation>();
        builder.Services.AddSingleton<NightlyProgressReader>();
        builder.Services.ScheduleCron<NightlyValidationJob>(sp => sp.GetRequiredService<IOptions<NightlyOptions>>().Value.Schedule);
        builder.Services.AddHostedService<NightlyCatchUp>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBenchApi(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/api/releases/{version}").WithTags("Bench").RequireAuthorization(LensPolicies.Read);
        releases.MapPost("/bench", RunFilesAsync).RequireAuthorization(LensPolicies.Lead);
        releases.MapPost("/bench/live", StartLiveAsync).RequireAuthorization(LensPolicies.Lead);
        releases.MapGet("/bench", ListAsync);
        releases.MapGet("/nights", async (string version, NightlyValidation nightly, CancellationToken ct) =>
        {
            var nights = await nightly.NightsAsync(version, ct);
            return TypedResults.Ok(new { version, passingStreak = NightlyValidation.PassingStreak(nights), nights });
        });

        var bench = app.MapGroup("/api/bench").WithTags("Bench").RequireAuthorization(LensPolicies.Read);
        bench.MapGet("/{id:guid}", async Task<Results<Ok<BenchRunView>, ProblemHttpResult>> (Guid id, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct) =>
            await FindAsync(id, dbFactory, ct) is { } run ? TypedResults.Ok(BenchRunView.From(run)) : NoRun(id));
        bench.MapGet("/{id:guid}/{file}", DownloadAsync);

        return app;
    }

    private static async Task<Results<Created<BenchRunView>, ProblemHttpResult>> RunFilesAsync(
        string version, HttpRequest request, BenchRunner runner, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BenchFilesRequest>(request, ct, JsonBody.FileMaxBytes);
        if (problem is not null) return problem;
        try
        {
            var run = await runner.RunFilesAsync(version, body!.Qrels ?? "", body.Baseline ?? "", body.Candidate ?? "", request.Actor(), ct);
            return TypedResults.Created($"/api/bench/{run.Id}", BenchRunView.From(run));
        }
        catch (BenchRequestException ex)
        {
            return LensProblems.Field(ex.Field, ex.Message, ex.Status);
        }
    }

    private static async Task<Results<Accepted<BenchRunView>, ProblemHttpResult>> StartLiveAsync(
        string version, HttpRequest request, FinalBenchLauncher launcher, CancellationToken ct)
    {
        BenchLiveRequest? body = null;
        if (request.ContentLength > 0)
        {
            (body, var problem) = await JsonBody.ReadAsync<BenchLiveRequest>(request, ct);
            if (problem is not null) return problem;
        }
        try
        {
            var run = await launcher.StartAsync(version, request.Actor(), ct);
            return TypedResults.Accepted($"/api/bench/{run.Id}", BenchRunView.From(run));
        }
        catch (BenchRequestException ex)
        {
            return LensProblems.Field(ex.Field, ex.Message, ex.Status);
        }
    }

    private static async Task<Ok<BenchRunView[]>> ListAsync(string version, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Release == version).OrderByDescending(r => r.StartedAt).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(BenchRunView.From).ToArray());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid id, string file, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        if (await FindAsync(id, dbFactory, ct) is not { } run) return NoRun(id);
        var (content, type) = file switch
        {
            BenchReportWriter.JsonFile => (run.ResultsJson, "application/json"),
            BenchReportWriter.MarkdownFile => (run.SummaryMarkdown, "text/markdown; charset=utf-8"),
            BenchReportWriter.CsvFile => (run.MetricsCsv, "text/csv; charset=utf-8"),
            _ => (null, ""),
        };
        if (type.Length == 0)
            return LensProblems.Field("file", $"A bench has {BenchReportWriter.JsonFile}, {BenchReportWriter.MarkdownFile} and {BenchReportWriter.CsvFile}; not '{file}'.", StatusCodes.Status404NotFound);
        if (content is null)
            return LensProblems.Field("file", $"Bench {id} is {run.Status.ToString().ToLowerInvariant()}; its files exist once it completes.", StatusCodes.Status409Conflict);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content), type, file);
    }

    private static async Task<BenchRun?> FindAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BenchRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    private static ProblemHttpResult NoRun(Guid id) => LensProblems.Field("id", $"There is no bench run {id}.", StatusCodes.Status404NotFound);

}
