using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Backup;

/// <summary><c>POST /api/backup</c>: an admin downloads a consistent, checked copy of the live database.</summary>
public static class BackupApi
{
    public const string SizeHeader = "X-Lens-Backup-Bytes";
    public const string IntegrityHeader = "X-Lens-Backup-Integrity";
    public const string TakenAtHeader = "X-Lens-Backup-Taken-At";

    public static WebApplicationBuilder AddLensBackup(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseBackup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBackupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/backup", BackupAsync).WithTags("Backup").RequireAuthorization(LensPolicies.Admin);
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> BackupAsync(
        HttpContext http, DatabaseBackup backup, IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, CancellationToken ct)
    {
        // A body here would be ignored, and a form or text/plain post from another site's page is not a request.
        if ((JsonBody.ContentTypeProblem(http.Request) ?? JsonBody.UnexpectedBodyProblem(http.Request)) is { } refused) return refused;
        BackupFile file;
        try
        {
            file = await backup.TakeAsync(ct);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // Disk full in the temporary folder, or the database busy past its timeout: the server cannot do it now.
            return LensProblems.Field("database", $"The backup could not be made: {ex.Message}", StatusCodes.Status503ServiceUnavailable);
        }
        var actor = http.Request.Actor();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var outcome = file.Intact ? $"{file.Bytes} bytes, integrity ok" : $"{file.Bytes} bytes, integrity check FAILED: {Shorten(file.Integrity)}";
            db.AuditEntries.Add(AuditEntry.ForSubject("database", "Backup", actor, outcome, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        if (!file.Intact)
        {
            DatabaseBackup.Delete(file.Path);
            return LensProblems.Field("database", $"The copy failed SQLite's integrity check: {Shorten(file.Integrity)}", StatusCodes.Status500InternalServerError);
        }
        http.Response.Headers[SizeHeader] = file.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[IntegrityHeader] = file.Integrity;
        http.Response.Headers[TakenAtHeader] = file.TakenAt.ToString("O");
        // DeleteOnClose: the temporary copy goes away once it has been sent, or when the client hangs up.
        var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.Stream(stream, "application/vnd.sqlite3", FileName(file.TakenAt));
    }

    public static string FileName(DateTimeOffset at) => $"lens-backup-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.db";

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
