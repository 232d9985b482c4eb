using System.CommandLine;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary><c>lens killswitch list|activate|deactivate</c>: the same named switches as the UI and the API, with the same audit trail.</summary>
public static class KillSwitchCommand
{
    public static readonly string[] Names = ["manual_emergency", "zero_results_emergency", "search_system_failure"];

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var command = new Command("killswitch", "Show or flip the named kill switches. Any active switch sends all traffic to baseline.");
        command.Subcommands.Add(List(stdout, stderr, connect));
        command.Subcommands.Add(Set("activate", true, stdout, stderr, connect));
        command.Subcommands.Add(Set("deactivate", false, stdout, stderr, connect));
        return command;
    }

    public static Option<string?> ServerOption() => new("--server") { Description = $"dashboard address (default: ${DashboardClient.ServerVariable} or {DashboardClient.DefaultServer})" };

    private static Command List(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = ServerOption();
        var list = new Command("list", "Show every kill switch, whether it is active, who changed it last and why.") { server };
        list.SetAction(parse => CliRun.Guard(stderr, "lens killswitch list", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            foreach (var ks in (await client.GetAsync("/api/killswitch")).AsArray())
                stdout.WriteLine($"{(string?)ks!["name"],-24}{((bool?)ks["active"] == true ? "ACTIVE" : "off"),-8}{(string?)ks["actor"]}: {(string?)ks["reason"]}");
        }));
        return list;
    }

    private static Command Set(string verb, bool active, TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = ServerOption();
        var name = new Option<string>("--name") { Description = "which switch", Required = true };
        name.AcceptOnlyFromAmong(Names);
        var reason = new Option<string>("--reason") { Description = "why; goes in the audit log", Required = true };
        var actor = new Option<string?>("--actor") { Description = "accepted for old scripts; the audit log records the token's identity" };
        var command = new Command(verb, active ? "Activate a kill switch: all traffic to baseline within a second." : "Deactivate a kill switch.") { name, reason, actor, server };
        command.SetAction(parse => CliRun.Guard(stderr, $"lens killswitch {verb}", async () =>
        {
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why)) throw new CliException("--reason must say why.");
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            JsonNode result = await client.PostAsync("/api/killswitch", new { name = parse.GetValue(name), active, actor = parse.GetValue(actor), reason = why });
            stdout.WriteLine($"{(string?)result["name"]} is now {((bool?)result["active"] == true ? "ACTIVE: every flag serves baseline" : "off")} ({(string?)result["actor"]}: {why})");
        }));
        return command;
    }
}
