using Bunit;
using Lens.Core.Deployment;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Features.Wall;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Components;

/// <summary>The wall's one line per deployment pipeline, over the real app: pipelines are started through the API and stepped by the real stepper.</summary>
public sealed class WallPipelineTests : ComponentTestBase
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "lens-wall-reports-" + Guid.NewGuid().ToString("N"));

    public WallPipelineTests() : base(new Dictionary<string, string?>
    {
        ["Deploy:Flag"] = "search",
        ["Deploy:RunnerEnabled"] = "false",
        ["Deploy:ReportsFolder"] = Reports,
    })
    {
    }

    private async Task<Guid> StartAsync(string version)
    {
        var response = await Client.PostJsonAsync("/deploy/start", new
        {
            version, skipBench = true, force = true, reason = "no sentinel in tests", config = new { canary_config = new { accelerated_rollout = true } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return Guid.Parse((string)(await response.JsonAsync())["id"]!);
    }

    private Task StepAsync(Guid id) => App.Get<DeploymentStepper>().StepAsync(id, CancellationToken.None);

    private async Task<DeploymentPipeline> PipelineAsync(Guid id)
    {
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        return await db.DeploymentPipelines.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    [Fact]
    public async Task Wall_PipelineEntersCanaryAndAdvances_LineShowsTheBlockAndStageLive()
    {
        var cut = Render<WallPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=wall-status]")));
        Assert.Empty(cut.FindAll("[data-testid=wall-pipeline]"));

        var id = await StartAsync("1.2.3");
        await StepAsync(id);

        cut.WaitForAssertion(() =>
        {
            var line = cut.Find("[data-testid=wall-pipeline]");
            Assert.Equal("1.2.3", line.GetAttribute("data-version"));
            Assert.Equal("RUNNING", line.QuerySelector("[data-testid=wall-pipeline-state]")!.TextContent);
            Assert.Equal("Canary block A stage 1/3 (5%)", line.QuerySelector("[data-testid=wall-pipeline-phase]")!.TextContent);
            Assert.Contains("block A stage 1 (5%) holds", line.QuerySelector("[data-testid=wall-pipeline-waiting]")!.TextContent);
            Assert.NotNull(line.QuerySelector("[data-testid=wall-pipeline-forced]"));
        }, TimeSpan.FromSeconds(5));

        var rollout = (await PipelineAsync(id)).Rollouts[^1];
        var promoted = await Client.PostJsonAsync($"/api/rollouts/{rollout}/promote", Requests.Action(expectedStageIndex: 0));
        Assert.True(promoted.IsSuccessStatusCode, await promoted.Content.ReadAsStringAsync());
        await StepAsync(id);

        cut.WaitForAssertion(() => Assert.Equal("Canary block A stage 2/3 (25%)", cut.Find("[data-testid=wall-pipeline-phase]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Wall_PipelineAborted_ShowsAbortedUntilADayHasPassed()
    {
        var id = await StartAsync("1.2.4");
        var aborted = await Client.PostJsonAsync("/deploy/abort", new { id, reason = "wrong build" });
        Assert.True(aborted.IsSuccessStatusCode, await aborted.Content.ReadAsStringAsync());

        var cut = Render<WallPage>();

        cut.WaitForAssertion(() =>
        {
            var line = cut.Find("[data-testid=wall-pipeline]");
            Assert.Equal("Aborted", line.GetAttribute("data-state"));
            Assert.Contains("wall-card-Held", line.ClassName);
            Assert.Equal("aborted in Tag + freeze", line.QuerySelector("[data-testid=wall-pipeline-phase]")!.TextContent);
            Assert.Contains("wrong build", line.QuerySelector("[data-testid=wall-pipeline-waiting]")!.TextContent);
        }, TimeSpan.FromSeconds(5));

        App.Clock.Advance(WallSnapshots.RecentPipelines + TimeSpan.FromMinutes(1));
        // Any event makes every wall reload; a day later the ended pipeline has left it.
        App.Get<Lens.Dashboard.Features.Live.LensEvents>().Publish(new Lens.Dashboard.Features.Live.LensEvent(Lens.Dashboard.Features.Live.LensEvent.AlertChanged, App.Clock.GetUtcNow()));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=wall-pipeline]")), TimeSpan.FromSeconds(5));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Reports, recursive: true); } catch (IOException) { }
    }
}
