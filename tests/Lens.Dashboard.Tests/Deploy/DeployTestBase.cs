using System.Net;
using System.Text.Json.Nodes;
using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>
/// An app whose pipelines move only when a test steps them, on the fake clock. Canary blocks are promoted by hand
/// through the rollouts API (as a lead would), so a run needs no traffic.
/// </summary>
public abstract class DeployTestBase : IDisposable
{
    public const string Flag = "search";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    protected DeployTestBase(string? folder = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        Folder = folder ?? Directory.CreateTempSubdirectory("lens-deploy-").FullName;
        App = Create();
        Client = App.CreateClient();
    }

    protected string Folder { get; }
    protected LensAppFactory App { get; private set; }
    protected HttpClient Client { get; private set; }

    protected LensAppFactory Create(Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Deploy:Flag"] = Flag,
            ["Deploy:RunnerEnabled"] = "false",
            ["Deploy:ReportsFolder"] = Path.Combine(Folder, "reports"),
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        foreach (var (key, value) in ExtraSettings()) settings[key] = value;
        return new(Folder, clock, settings: settings);
    }

    /// <summary>More configuration for a test class's app (called from the constructor: use no instance state).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>Stops this app and starts another over the same database and clock: a restart. <paramref name="whileStopped"/> runs in between.</summary>
    protected void Restart(Action<string>? whileStopped = null)
    {
        var clock = App.Clock;
        var database = App.DatabasePath;
        Client.Dispose();
        App.Dispose();
        whileStopped?.Invoke(database);
        App = Create(clock);
        Client = App.CreateClient();
    }

    protected async Task<Guid> StartAsync(object body)
    {
        var response = await Client.PostJsonAsync("/deploy/start", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((string)(await response.JsonAsync())["id"]!);
    }

    protected Task StepAsync(Guid id) => App.Get<DeploymentStepper>().StepAsync(id, CancellationToken.None);

    protected async Task<DeploymentPipeline> PipelineAsync(Guid id)
    {
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        return await db.DeploymentPipelines.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    protected async Task<JsonNode> StatusAsync(Guid id) => await (await Client.GetAsync($"/deploy/status?id={id}")).JsonAsync();

    /// <summary>Steps (advancing the clock and promoting block rollouts by hand) until the pipeline is running <paramref name="phase"/> or has ended.</summary>
    protected async Task DriveToAsync(Guid id, DeploymentPhase? phase, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            await StepAsync(id);
            var pipeline = await PipelineAsync(id);
            if (pipeline.IsTerminal || (phase is not null && pipeline.Current?.Phase == phase)) return;
            await PromoteBlockAsync(pipeline);
            await ServeCandidateImpressionAsync(pipeline);
            App.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Fail($"pipeline never reached {phase}");
    }

    /// <summary>
    /// A block waiting for calibration data counts only its own version's impressions since it began, so the driver
    /// plays the service serving the canary: one candidate impression, which the store files under the block's release.
    /// </summary>
    private async Task ServeCandidateImpressionAsync(DeploymentPipeline pipeline)
    {
        if (pipeline.Waiting?.EndsWith("waiting for calibration data", StringComparison.Ordinal) != true) return;
        var response = await Client.PostJsonAsync("/api/calibration/impressions",
            new { flag = pipeline.Flag, variant = "candidate", events = new[] { new { queryId = "drive", score = 0.8, clicked = true, position = 1 } } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task PromoteBlockAsync(DeploymentPipeline pipeline)
    {
        await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        var live = await db.Rollouts.AsNoTracking().Where(r => pipeline.Rollouts.Contains(r.Id) && r.State == RolloutState.Running).ToListAsync();
        foreach (var rollout in live)
        {
            var response = await Client.PostJsonAsync($"/api/rollouts/{rollout.Id}/promote", Requests.Action(expectedStageIndex: rollout.StageIndex));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
