using System.CommandLine;

namespace Lens.Cli.Server;

/// <summary>
/// <c>lens backup --out FILE</c>: a consistent copy of the live database, made by the dashboard (SQLite's
/// <c>VACUUM INTO</c>, checked with <c>PRAGMA integrity_check</c>) and saved here. Needs an admin token.
/// </summary>
public static class BackupCommand
{
    // The dashboard's response headers (Lens.Dashboard.Features.Backup.BackupApi).
    public const string SizeHeader = "X-Lens-Backup-Bytes";
    public const string IntegrityHeader = "X-Lens-Backup-Integrity";
    public const string TakenAtHeader = "X-Lens-Backup-Taken-At";

    /// <summary>Copying and checking a large database takes a while before the first byte comes back.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var output = new Option<FileInfo>("--out") { Description = "where to write the backup (a SQLite database file)", Required = true };
        var force = new Option<bool>("--force") { Description = "overwrite --out if it exists" };
        var command = new Command("backup", "Download a consistent copy of the live database (admin). Restore: stop the dashboard, replace its database file, start it.")
            { output, force, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens backup", async () =>
        {
            var target = parse.GetValue(output)!;
            if (Directory.Exists(target.FullName)) throw new CliException($"{target.FullName} is a folder; give a file name with --out.");
            if (target.Exists && !parse.GetValue(force)) throw new CliException($"{target.FullName} already exists; give --force to overwrite it.");
            if (target.Directory is { Exists: false } folder) throw new CliException($"{folder.FullName}: no such folder.");
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            // Into a temporary file beside the target first: a broken download never leaves a half file under the real name.
            var partial = target.FullName + ".partial";
            try
            {
                System.Net.Http.Headers.HttpResponseHeaders headers;
                long written;
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    headers = await client.PostDownloadAsync("/api/backup", file, Timeout);
                    written = file.Length;
                }
                var integrity = Header(headers, IntegrityHeader);
                if (integrity != "ok") throw new CliException($"the dashboard's integrity check of the copy said '{integrity ?? "nothing"}'; not saved.");
                if (!long.TryParse(Header(headers, SizeHeader), out var expected) || expected != written)
                    throw new CliException($"received {written} bytes, the dashboard sent {Header(headers, SizeHeader) ?? "no size"}; not saved.");
                File.Move(partial, target.FullName, overwrite: true);
                stdout.WriteLine($"backup written to {target.FullName}: {written} bytes, integrity ok, taken at {Header(headers, TakenAtHeader)}");
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }));
        return command;
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
