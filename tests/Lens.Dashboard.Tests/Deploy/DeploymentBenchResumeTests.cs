using Lens.Core.Bench;
using Lens.Core.Deployment;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>A pipeline whose final bench runs live against a fake search service, so a restart can catch it mid-bench.</summary>
public sealed class DeploymentBenchResumeTests : IAsyncLifetime
{
    private readonly FakeSearchService _search = new();
    private readonly string _data = Directory.CreateTempSubdirectory("lens-deploy-bench-").FullName;
    private Pipelines _deploy = default!;

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        // A floor on both sides keeps the p95 gate about the variants rather than loopback noise.
        _search.BaseDelay = TimeSpan.FromMilliseconds(100);
        _search.Baseline["Parser"] = ["src/Uses.cs", "src/Parser.cs"];
        _search.Candidate["Parser"] = ["src/Parser.cs", "src/Uses.cs"];
        var (queries, qrels) = new BenchDataBuilder().Query("q1", "Parser", ("src/Parser.cs", 2), ("src/Uses.cs", 1)).WriteTo(_data, "final");
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
    public Task Resume_AfterARestartMidFinalBench_RunsANewBenchAndCarriesOn() => _deploy.ResumeMidFinalBenchAsync(_search);

    private sealed class Pipelines(IReadOnlyDictionary<string, string?> settings) : DeployTestBase(settings: settings)
    {
        public async Task ResumeMidFinalBenchAsync(FakeSearchService search)
        {
            // The candidate answers so slowly that the first bench is still running when the dashboard goes down.
            search.CandidateDelay = TimeSpan.FromSeconds(5);
            var id = await StartAsync(new { version = "1.2.3" });
            await StepAsync(id);
            var first = (await BenchesAsync()).Single();
            Assert.Equal(BenchRunStatus.Running, first.Status);
            Assert.Equal(DeploymentPhase.FinalBench, (await PipelineAsync(id)).Current!.Phase);

            // A crash: whatever the shutdown wrote, the bench row is left running, as a killed process leaves it.
            Restart(database =>
            {
                using var db = new LensDbContext(new DbContextOptionsBuilder<LensDbContext>().UseSqlite($"Data Source={database}").Options);
                db.BenchRuns.Where(b => b.Id == first.Id).ExecuteUpdate(b => b.SetProperty(r => r.Status, BenchRunStatus.Running)
                    .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.Verdict, (Lens.Core.Gates.Verdict?)null).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null));
            });
            search.CandidateDelay = TimeSpan.Zero;
            var interrupted = await HttpTestExtensions.EventuallyAsync(async () => (await BenchesAsync()).Single(b => b.Id == first.Id),
                b => b.Status != BenchRunStatus.Running, TimeSpan.FromSeconds(10), "the start-up to fail the interrupted bench");
            Assert.True(interrupted.WasInterrupted, interrupted.Error);

            await StepAsync(id);
            Assert.Equal(PipelineState.Running, (await PipelineAsync(id)).State);
            var second = await HttpTestExtensions.EventuallyAsync(async () => (await BenchesAsync()).SingleOrDefault(b => b.Id != first.Id),
                b => b is { Status: not BenchRunStatus.Running }, TimeSpan.FromSeconds(20), "the new final bench to finish");
            Assert.True(second!.Passed, second.Error);
            await StepAsync(id);

            var pipeline = await PipelineAsync(id);
            Assert.Equal(PipelineState.Running, pipeline.State);
            Assert.Equal(PhaseState.Succeeded, pipeline.Phases.Single(p => p.Phase == DeploymentPhase.FinalBench).State);
            Assert.Contains(pipeline.Gates, g => g is { Phase: DeploymentPhase.FinalBench, Gate: "final_bench", Passed: true });
            Assert.DoesNotContain(pipeline.Gates, g => g is { Phase: DeploymentPhase.FinalBench, Passed: false });
            Assert.Equal(2, (await BenchesAsync()).Count);
        }

        private async Task<List<BenchRun>> BenchesAsync()
        {
            await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
            return await db.BenchRuns.AsNoTracking().Where(r => r.Night == null).ToListAsync();
        }
    }
}
