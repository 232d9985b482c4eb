using System.CommandLine;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary><c>lens token create|list|revoke</c>: bearer tokens for services, the CLI and wall screens (admin only).</summary>
public static class TokenCommand
{
    public static readonly string[] Roles = ["service", "display", "viewer", "oncall", "lead", "manager", "admin"];

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var command = new Command("token", "Create, list and revoke bearer tokens. Needs an admin's LENS_TOKEN.");
        command.Subcommands.Add(CreateCommand(stdout, stderr, connect));
        command.Subcommands.Add(ListCommand(stdout, stderr, connect));
        command.Subcommands.Add(RevokeCommand(stdout, stderr, connect));
        return command;
    }

    private static Command CreateCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var name = new Option<string>("--name") { Description = "the token's name, e.g. search-eu-1", Required = true };
        var role = new Option<string>("--role") { Description = "service (ingest and flags), display (a wall), or a person's role", Required = true };
        role.AcceptOnlyFromAmong(Roles);
        var command = new Command("create", "Issue a token. Its secret is printed once and never shown again.") { name, role, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens token create", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var issued = await client.PostAsync("/api/tokens", new { name = parse.GetValue(name), role = parse.GetValue(role) });
            stdout.WriteLine((string?)issued["secret"]);
            stderr.WriteLine($"Token '{(string?)issued["name"]}' ({(string?)issued["role"]}) created. The line above is its secret: store it now, it is not shown again.");
        }));
        return command;
    }

    private static Command ListCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var command = new Command("list", "Every active token: name, role, where it comes from and when it was last used.") { server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens token list", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            stdout.WriteLine($"{"NAME",-28}{"ROLE",-10}{"SOURCE",-15}LAST USED");
            foreach (var t in (await client.GetAsync("/api/tokens")).AsArray())
                stdout.WriteLine($"{(string?)t!["name"],-28}{(string?)t["role"],-10}{(string?)t["source"],-15}{(string?)t["lastUsedAt"] ?? "never"}");
        }));
        return command;
    }

    private static Command RevokeCommand(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var name = new Argument<string>("name") { Description = "the token to revoke" };
        var command = new Command("revoke", "Revoke a token: it stops working at once.") { name, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens token revoke", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            await client.DeleteAsync("/api/tokens/" + Uri.EscapeDataString(parse.GetValue(name)!));
            stdout.WriteLine($"Token '{parse.GetValue(name)}' revoked.");
        }));
        return command;
    }
}
