using System.Net;
using Lens.Core.Deployment;
using Lens.Dashboard.Features.SignOff;
using Lens.Dashboard.Tests.Deploy;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

/// <summary>The sign-off report's Deployment pipeline section, with pipelines run through the real API and stepper on the fake clock.</summary>
public sealed class SignOffDeploymentTests : DeployTestBase
{
    private async Task ImpressionsAsync() =>
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostJsonAsync("/api/calibration/impressions",
            new { flag = Flag, variant = "candidate", events = new[] { new { queryId = "q1", score = 0.8, clicked = true, position = 1 } } })).StatusCode);

    [Fact]
    public async Task ReportMarkdown_FinishedPipeline_SummarisesItAndLinksTheCompletionReport()
    {
        await ImpressionsAsync();
        var id = await StartAsync(new
        {
            version = "3.1.0", skipBench = true, force = true, reason = "no sentinel in the test app",
            config = new { canary_config = new { accelerated_rollout = true } },
        });
        await DriveToAsync(id, null);
        var pipeline = await PipelineAsync(id);
        Assert.Equal(PipelineState.Succeeded, pipeline.State);

        var md = await Client.GetStringAsync("/api/releases/3.1.0/report.md");

        var section = md[md.IndexOf("## Deployment pipeline", StringComparison.Ordinal)..md.IndexOf("## Nightly validation", StringComparison.Ordinal)];
        Assert.Contains($"Pipeline `{id}`: **Succeeded on flag {Flag}.", section);
        Assert.Contains($"Gates checked: {pipeline.Gates.Count(g => g.Passed)}/{pipeline.Gates.Count} passed ({pipeline.Gates.Count(g => g.Overridden)} overridden). Rollbacks: 0.", section);
        Assert.Contains($"ended {pipeline.EndedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC after {DeploymentPlanner.Duration(pipeline.EndedAt.Value - pipeline.CreatedAt)}", section);
        Assert.Contains("> **FORCED**: failed gates were passed over. Reason: no sentinel in the test app", section);
        Assert.Contains("| Canary block B | succeeded |", section);
        Assert.Contains("| Final bench | skipped |", section);
        Assert.Contains($"[completion report (Markdown)](http://localhost/deploy/{id}/reports/completion_report_{id}.md)", section);
        Assert.DoesNotContain("failure report", section);
        // The link leads to the completion report itself.
        var completion = await Client.GetStringAsync($"/deploy/{id}/reports/completion_report_{id}.md");
        Assert.StartsWith("# Deployment of 3.1.0", completion);

        var state = await (await Client.GetAsync("/api/releases/3.1.0/signoff")).JsonAsync();
        Assert.Equal("Succeeded", (string?)state["deployment"]!["state"]);
        Assert.Equal($"/deploy/{id}/reports/completion_report_{id}.md", (string?)state["deployment"]!["reports"]!["completionMarkdown"]);
    }

    [Fact]
    public async Task ReportMarkdown_FailedPipeline_LinksTheFailureReportAndSaysWhy()
    {
        var id = await StartAsync(new { version = "3.2.0" });
        await DriveToAsync(id, null);

        var md = await Client.GetStringAsync("/api/releases/3.2.0/report.md");

        Assert.Contains($"Pipeline `{id}`: **Failed on flag {Flag}.", md);
        Assert.Contains("| Final bench | failed |", md);
        Assert.Contains("| Canary block A | not reached |", md);
        Assert.Contains($"[failure report (JSON)](http://localhost/deploy/{id}/reports/failure_report_{id}.json)", md);
        Assert.DoesNotContain("completion report", md);
    }

    [Fact]
    public async Task ReportMarkdown_NoPipeline_SaysSoInOneLine()
    {
        await Client.CreateReleaseAsync("3.3.0");

        var md = await Client.GetStringAsync("/api/releases/3.3.0/report.md");
        var state = await (await Client.GetAsync("/api/releases/3.3.0/signoff")).JsonAsync();

        Assert.Contains($"## Deployment pipeline\n\n{SignOffDeploymentSection.None}\n\n## Nightly validation", md);
        Assert.Null(state["deployment"]);
    }
}
