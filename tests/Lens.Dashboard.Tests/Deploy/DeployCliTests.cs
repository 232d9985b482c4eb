using Lens.Core.Deployment;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary><c>lens deploy</c> against the real dashboard pipeline, in process.</summary>
public sealed class DeployCliTests : DeployTestBase
{
    private (int Exit, string Out, string Err) Lens(params string[] args) => InProcessCli.RunAs(App, LensAppFactory.SecretFor("lead"), args);

    [Fact]
    public void Start_DryRunWithoutConfig_PrintsThePlanAndStartsNothing()
    {
        var (exit, output, error) = Lens("deploy", "start", "--version", "7.0.0", "--dry-run", "--accelerated");

        Assert.True(exit == 0, error);
        Assert.Contains("Plan for 7.0.0 on flag search, accelerated ×720", output);
        Assert.Contains("Canary block B", output);
        Assert.Contains("waits for calibration data before passing 25%", output);
        Assert.Contains("Nothing was changed.", output);
        Assert.Contains("No pipelines.", Lens("deploy", "status").Out);
    }

    [Fact]
    public async Task StartStatusAbort_FromTheCommandLine_RunTheSamePipelineAsTheApi()
    {
        var config = Path.Combine(Folder, "deploy.json");
        await File.WriteAllTextAsync(config, """{"canary_config":{"accelerated_rollout":true},"fingerprint":{"git_commit":"abc"}}""");

        var start = Lens("deploy", "start", "--version", "1.2.3", "--config", config, "--skip-bench", "--format", "json");
        Assert.True(start.Exit == 0, start.Err);
        var id = (string)System.Text.Json.Nodes.JsonNode.Parse(start.Out)!["id"]!;
        await StepAsync(Guid.Parse(id));

        var status = Lens("deploy", "status", "--id", id, "--detailed");
        Assert.Equal(0, status.Exit);
        Assert.Matches(@"1\.2\.3 on search: Running", status.Out);
        Assert.Matches(@"Final bench\s+Skipped", status.Out);
        Assert.Contains("release_fingerprint", status.Out);

        var abort = Lens("deploy", "abort", "--reason", "wrong build");
        Assert.True(abort.Exit == 0, abort.Err);
        Assert.Contains($"Pipeline {id} (1.2.3) is Aborted", abort.Out);
        Assert.Equal(PipelineState.Aborted, (await PipelineAsync(Guid.Parse(id))).State);
    }

    [Fact]
    public async Task Start_ConfigWithAnUnknownKey_FailsNamingIt()
    {
        var config = Path.Combine(Folder, "bad.json");
        await File.WriteAllTextAsync(config, """{"canary_config":{"stage_hours":2}}""");

        var (exit, _, error) = Lens("deploy", "start", "--version", "1.2.3", "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains("refused (400)", error);
        Assert.Contains("config.canary_config.stage_hours", error);
    }

    [Fact]
    public void Start_ForceWithoutReason_IsRefusedBeforeCallingTheServer()
    {
        var (exit, _, error) = Lens("deploy", "start", "--version", "1.2.3", "--force");

        Assert.Equal(2, exit);
        Assert.Contains("--force needs --reason", error);
    }

    [Fact]
    public void Abort_WithoutIdAndNoneRunning_SaysSo()
    {
        var (exit, _, error) = Lens("deploy", "abort", "--reason", "x");

        Assert.Equal(2, exit);
        Assert.Contains("refused (409)", error);
        Assert.Contains("No pipeline is running", error);
    }
}
