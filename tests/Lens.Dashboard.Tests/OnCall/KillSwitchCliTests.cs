using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.OnCall;

/// <summary>The <c>lens</c> command line against the real dashboard pipeline, in process.</summary>
public sealed class KillSwitchCliTests : AppTestBase
{
    private (int Exit, string Out, string Err) Lens(params string[] args) => InProcessCli.Run(App, args);

    [Fact]
    public async Task Activate_FromTheCommandLine_SendsFlagsToBaselineAndRaisesCritical()
    {
        await Client.CreateReleaseAsync();
        await Client.CreateRolloutAsync(Requests.Rollout());
        await using var stream = await SseReader.OpenAsync(Client, "/api/flags/stream");

        // --actor is still accepted from old scripts; what is recorded is the token's identity (LENS_TOKEN).
        var (exit, output, error) = InProcessCli.RunAs(App, LensAppFactory.SecretFor("oncall"),
            "killswitch", "activate", "--name", "search_system_failure", "--reason", "timeouts in every region", "--actor", "pat");

        Assert.True(exit == 0, error);
        Assert.Contains("search_system_failure is now ACTIVE", output);
        var flag = await stream.NextAsync(f => (bool?)f["killSwitch"] == true, TimeSpan.FromSeconds(1));
        Assert.Equal(0m, (decimal?)flag["percent"]);
        var alert = Assert.Single((await (await Client.GetAsync("/api/alerts?state=open&severity=critical")).JsonAsync()).AsArray())!;
        Assert.Contains("token:test-oncall: timeouts in every region", (string?)alert["detail"]);

        var list = Lens("killswitch", "list");
        Assert.Equal(0, list.Exit);
        Assert.Matches(@"search_system_failure\s+ACTIVE\s+token:test-oncall: timeouts in every region", list.Out);
        Assert.Matches(@"manual_emergency\s+off", list.Out);

        Assert.Equal(0, Lens("killswitch", "deactivate", "--name", "search_system_failure", "--reason", "recovered", "--actor", "pat").Exit);
        Assert.False((bool?)(await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync())["killSwitch"]);
    }

    [Fact]
    public void Activate_UnknownSwitch_IsRefusedBeforeCallingTheServer()
    {
        var (exit, _, error) = Lens("killswitch", "activate", "--name", "everything", "--reason", "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("manual_emergency", error);
    }

    [Fact]
    public void List_ServerUnreachable_SaysWhereItTriedAndExits2()
    {
        var stderr = new StringWriter();
        var exit = global::Lens.Cli.LensCli.Run(["killswitch", "list", "--server", "http://127.0.0.1:9"], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the dashboard at http://127.0.0.1:9/", stderr.ToString());
    }
}
