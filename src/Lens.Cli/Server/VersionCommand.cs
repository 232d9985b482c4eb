using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary><c>lens version create|list|show</c>: releases (a version and its frozen configuration) through the dashboard's API.</summary>
public static class VersionCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var command = new Command("version", "Create, list and show releases: versions with their frozen configuration and its fingerprint.");
        command.Subcommands.Add(CreateCommand(stdout, stderr, connect));
        command.Subcommands.Add(ListCommand(stdout, stderr, connect));
        command.Subcommands.Add(ShowCommand(stdout, stderr, connect));
        return command;
    }

    private static Command CreateCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var version = new Option<string>("--version") { Description = "the release's version, e.g. 2.5.0", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "a JSON file with the release's configuration (an object)", Required = true };
        var command = new Command("create", "Create a release from a version and a JSON configuration file; prints its fingerprint.") { version, config, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens version create", async () =>
        {
            var file = parse.GetValue(config)!;
            if (!file.Exists) throw new CliException($"{file.FullName}: no such file.");
            JsonNode? configuration;
            try
            {
                configuration = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName));
            }
            catch (JsonException ex)
            {
                throw new CliException($"{file.FullName}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:")[0]}");
            }
            if (configuration is not JsonObject) throw new CliException($"{file.FullName}: the configuration must be a JSON object.");
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var created = await client.PostAsync("/api/releases", new { version = parse.GetValue(version), config = configuration });
            stdout.WriteLine($"created {(string?)created["version"]} {(string?)created["fingerprint"]}");
        }));
        return command;
    }

    private static Command ListCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var command = new Command("list", "List releases, newest first: version, status, fingerprint, created.") { server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens version list", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            foreach (var r in (await client.GetAsync("/api/releases")).AsArray())
                stdout.WriteLine($"{(string?)r!["version"],-16}{(string?)r["status"],-11}{(string?)r["fingerprint"]}  {(string?)r["createdAt"]}");
        }));
        return command;
    }

    private static Command ShowCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var version = new Option<string>("--version") { Description = "which release", Required = true };
        var command = new Command("show", "Show a release: fingerprint, configuration, sign-off state and its latest final bench.") { version, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens version show", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var v = Uri.EscapeDataString(parse.GetValue(version)!);
            var release = await client.GetAsync($"/api/releases/{v}");
            var signOff = await client.GetAsync($"/api/releases/{v}/signoff");
            stdout.WriteLine($"version      {(string?)release["version"]}");
            stdout.WriteLine($"status       {(string?)release["status"]}");
            stdout.WriteLine($"fingerprint  {(string?)release["fingerprint"]}");
            stdout.WriteLine($"created      {(string?)release["createdAt"]}");
            stdout.WriteLine($"sign-off     {(string?)signOff["verdict"]} ({(int?)signOff["passingStreak"]} of {(int?)signOff["requiredNights"]} passing nights)");
            foreach (var missing in signOff["missing"]!.AsArray()) stdout.WriteLine($"  missing    {(string?)missing}");
            if (signOff["finalBench"] is JsonObject bench)
                stdout.WriteLine($"final bench  {(string?)bench["verdict"]}, ΔnDCG@10 {(double?)bench["ndcgDelta"]:0.0000}, ΔRecall@50 {(double?)bench["recallDelta"]:0.0000}");
            else
                stdout.WriteLine("final bench  none yet");
            stdout.WriteLine("config");
            stdout.WriteLine(release["config"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }));
        return command;
    }
}
