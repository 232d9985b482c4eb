using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary>
/// <c>lens deploy start|status|abort</c>: the deployment guide's single command, on the dashboard's /deploy API, so the
/// CLI, the pages and the API share one pipeline and one set of rules.
/// </summary>
public static class DeployCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var command = new Command("deploy", "Run the deployment pipeline: tag, bench, canary blocks A → B → C, calibration, monitoring, sentinel, final check.");
        command.Subcommands.Add(Start(stdout, stderr, connect));
        command.Subcommands.Add(Status(stdout, stderr, connect));
        command.Subcommands.Add(Abort(stdout, stderr, connect));
        return command;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    private static Command Start(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var version = new Option<string>("--version") { Description = "the version to deploy (it need not exist yet)", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "the deployment config (the guide's JSON); missing keys take their defaults" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plan and change nothing" };
        var accelerated = new Option<bool>("--accelerated") { Description = "divide every wait by canary_config.acceleration_factor (720 unless set)" };
        var skipBench = new Option<bool>("--skip-bench") { Description = "leave out the final bench (recorded and shown)" };
        var skipCanary = new Option<bool>("--skip-canary") { Description = "leave out the canary blocks (recorded and shown)" };
        var force = new Option<bool>("--force") { Description = "pass over failed gates; needs --reason, audited and printed in the reports" };
        var reason = new Option<string?>("--reason") { Description = "why --force" };
        var format = Format();
        var command = new Command("start", "Start a pipeline (or, with --dry-run, print its plan).") { version, config, dryRun, accelerated, skipBench, skipCanary, force, reason, format, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens deploy start", async () =>
        {
            if (parse.GetValue(force) && string.IsNullOrWhiteSpace(parse.GetValue(reason))) throw new CliException("--force needs --reason: it is audited and printed in the reports.");
            JsonElement? body = null;
            if (parse.GetValue(config) is { } file)
            {
                if (!file.Exists) throw new CliException($"--config: there is no file {file.FullName}.");
                try { body = JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName)).RootElement.Clone(); }
                catch (JsonException ex) { throw new CliException($"--config: {file.Name} is not valid JSON: {ex.Message}"); }
            }
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var result = await client.PostAsync("/deploy/start", new
            {
                version = parse.GetValue(version), config = body, dryRun = parse.GetValue(dryRun), accelerated = parse.GetValue(accelerated),
                skipBench = parse.GetValue(skipBench), skipCanary = parse.GetValue(skipCanary), force = parse.GetValue(force), reason = parse.GetValue(reason),
            });
            if (parse.GetValue(format) == "json") stdout.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else if (parse.GetValue(dryRun)) WritePlan(stdout, result);
            else
            {
                stdout.WriteLine($"Pipeline {(string?)result["id"]} started: {(string?)result["version"]} on flag {(string?)result["flag"]}.");
                stdout.WriteLine($"Follow it with: lens deploy status --id {(string?)result["id"]}");
            }
        }));
        return command;
    }

    private static Command Status(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var id = new Option<string?>("--id") { Description = "one pipeline (default: every pipeline, newest first)" };
        var detailed = new Option<bool>("--detailed") { Description = "every phase and every gate checked" };
        var format = Format();
        var command = new Command("status", "Show pipelines: state, phases, what each waits for, reports.") { id, detailed, format, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens deploy status", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var one = parse.GetValue(id);
            var result = await client.GetAsync(one is null ? "/deploy/status" : $"/deploy/status?id={Uri.EscapeDataString(one)}");
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            var list = result is JsonArray array ? array.Select(n => n!).ToList() : [result];
            if (list.Count == 0) stdout.WriteLine("No pipelines.");
            foreach (var status in list) WriteStatus(stdout, status, parse.GetValue(detailed) || one is not null);
        }));
        return command;
    }

    private static Command Abort(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var id = new Option<string?>("--id") { Description = "which pipeline (default: the only running one)" };
        var reason = new Option<string>("--reason") { Description = "why; in the audit log and the failure report", Required = true };
        var command = new Command("abort", "Abort a pipeline: every rollout it started goes to baseline within a second.") { id, reason, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens deploy abort", async () =>
        {
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why)) throw new CliException("--reason must say why.");
            Guid? pipeline = null;
            if (parse.GetValue(id) is { } text)
                pipeline = Guid.TryParse(text, out var parsed) ? parsed : throw new CliException($"--id: '{text}' is not a pipeline id.");
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var result = await client.PostAsync("/deploy/abort", new { id = pipeline, reason = why });
            stdout.WriteLine($"Pipeline {(string?)result["id"]} ({(string?)result["version"]}) is {(string?)result["state"]}: its rollouts are at baseline.");
        }));
        return command;
    }

    private static void WritePlan(TextWriter stdout, JsonNode plan)
    {
        stdout.WriteLine($"Plan for {(string?)plan["version"]} on flag {(string?)plan["flag"]}{((bool?)plan["accelerated"] == true ? $", accelerated ×{(double?)plan["factor"]}" : "")}: expected {(string?)plan["expectedTotal"]} in all. Nothing was changed.");
        foreach (var phase in plan["phases"]!.AsArray())
        {
            var skipped = (bool?)phase!["skipped"] == true;
            stdout.WriteLine($"  +{(string?)phase["startsAfter"],-12} {(string?)phase["label"],-24} {(skipped ? "SKIPPED" : (string?)phase["expected"])}");
            stdout.WriteLine($"      {(string?)phase["does"]}");
            var gates = phase["gates"]!.AsArray().Select(g => (string?)g).ToList();
            if (gates.Count > 0) stdout.WriteLine($"      gates: {string.Join("; ", gates)}");
        }
        if ((string?)plan["forceReason"] is { } force) stdout.WriteLine($"  FORCED: {force}");
    }

    private static void WriteStatus(TextWriter stdout, JsonNode status, bool detailed)
    {
        stdout.WriteLine($"{(string?)status["id"]}  {(string?)status["version"]} on {(string?)status["flag"]}: {(string?)status["state"]}" +
            $"  gates {(int?)status["gatesPassed"]}/{(int?)status["gatesChecked"]} passed" + ((string?)status["waiting"] is { } waiting ? $"  ({waiting})" : ""));
        if ((string?)status["forceReason"] is { } force) stdout.WriteLine($"  FORCED: {force}");
        if ((string?)status["cause"] is { } cause) stdout.WriteLine($"  cause: {cause}");
        if (!detailed) return;
        foreach (var phase in status["phases"]!.AsArray())
            stdout.WriteLine($"  {(string?)phase!["label"],-24} {(string?)phase["state"],-10} {(string?)phase["elapsed"] ?? "",-18} {(string?)phase["cause"] ?? (string?)phase["waiting"] ?? ""}");
        foreach (var gate in status["gates"]!.AsArray())
            stdout.WriteLine($"    {((bool?)gate!["passed"] == true ? "pass" : (bool?)gate["overridden"] == true ? "FAIL (overridden)" : "FAIL"),-18} {(string?)gate["phase"]}/{(string?)gate["gate"]}: {(string?)gate["detail"]}");
        foreach (var (kind, link) in status["reports"]!.AsObject()) stdout.WriteLine($"  report {kind}: {(string?)link}");
    }
}
