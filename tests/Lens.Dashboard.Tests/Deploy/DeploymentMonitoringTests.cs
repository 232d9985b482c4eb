using Lens.Core.Bench;
using Lens.Core.Deployment;
using Lens.Core.Monitoring;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>A pipeline whose final bench runs live against a fake search service, so the monitoring phase has a real bench to arm from.</summary>
public sealed class DeploymentMonitoringTests : IAsyncLifetime
{
    private readonly FakeSearchService _search = new();
    private readonly string _data = Directory.CreateTempSubdirectory("lens-deploy-monitor-").FullName;
    private Pipelines _deploy = default!;

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        // A floor on both sides keeps the p95 gate about the variants rather than loopback noise.
        _search.BaseDelay = TimeSpan.FromMilliseconds(100);
        // Both variants answer alike, so every bench gate passes at a difference of 0. Recall@50 per query, by hand:
        // Parser finds 3 of its 4 relevant files (0.75), Lexer 1 of 2 (0.5), Emitter its one (1.0).
        foreach (var answers in new[] { _search.Baseline, _search.Candidate })
        {
            answers["Parser"] = ["src/Parser.cs", "src/Ast.cs", "src/Token.cs"];
            answers["Lexer"] = ["src/Lexer.cs", "src/Other.cs"];
            answers["Emitter"] = ["src/Emitter.cs", "src/Unjudged.cs"];
        }
        var (queries, qrels) = new BenchDataBuilder()
            .Query("q1", "Parser", ("src/Parser.cs", 2), ("src/Ast.cs", 1), ("src/Token.cs", 1), ("src/Grammar.cs", 1))
            .Query("q2", "Lexer", ("src/Lexer.cs", 1), ("src/Scanner.cs", 1))
            .Query("q3", "Emitter", ("src/Emitter.cs", 1))
            .WriteTo(_data, "final");
        var settings = _search.Settings();
        settings["Bench:Dataset:Queries"] = queries;
        settings["Bench:Dataset:Qrels"] = qrels;
        _deploy = new Pipelines(settings);
    }

    public async ValueTask DisposeAsync()
    {
        _deploy.Dispose();
        await _search.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public Task Monitoring_AfterAPassingFinalBench_ArmsRecallAt50WithTheBenchMeanAndItsStandardError() => _deploy.ArmsRecallFromTheBenchAsync();

    private sealed class Pipelines(IReadOnlyDictionary<string, string?> settings) : DeployTestBase(settings: settings)
    {
        public async Task ArmsRecallFromTheBenchAsync()
        {
            // Forced only past the gates this app cannot pass (no sentinel, no calibration fit); the bench runs for real.
            var id = await StartAsync(new { version = "1.2.3", force = true, reason = "test app has no sentinel", config = new { canary_config = new { accelerated_rollout = true } } });
            await StepAsync(id);
            var bench = await HttpTestExtensions.EventuallyAsync(FinalBenchAsync, b => b is { Status: not BenchRunStatus.Running }, TimeSpan.FromSeconds(20), "the final bench to finish");
            Assert.True(bench!.Passed, bench.Error ?? bench.ResultsJson);

            await DriveToAsync(id, DeploymentPhase.Sentinel);

            double[] recall = [0.75, 0.5, 1.0];
            var mean = recall.Average();
            var standardError = Math.Sqrt(recall.Sum(r => (r - mean) * (r - mean)) / (recall.Length - 1)) / Math.Sqrt(recall.Length);
            var armed = await DetectorAsync("recall_at_50");
            Assert.False(armed.IsLearning);
            Assert.Equal(mean, armed.Target!.Value, 9);
            Assert.Equal(standardError, armed.Sigma!.Value, 9);
            Assert.True((await DetectorAsync("p95_latency")).IsLearning);
            var gate = (await PipelineAsync(id)).Gates.Single(g => g.Phase == DeploymentPhase.Monitoring && g.Gate == "cusum_armed");
            Assert.Contains("Armed from bench: recall_at_50 μ₀=0.75 σ=0.1443", gate.Detail);
            Assert.Contains("Learning from live traffic: ", gate.Detail);
            Assert.Contains("p95_latency (0/30 values learned)", gate.Detail);
        }

        private async Task<BenchRun?> FinalBenchAsync()
        {
            await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
            return await db.BenchRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Night == null);
        }

        private async Task<Detector> DetectorAsync(string name)
        {
            await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
            return await db.Detectors.AsNoTracking().SingleAsync(d => d.Name == name);
        }
    }
}
