using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Starts a release's final live bench on the pinned set: records it as running and hands it to the bench worker.</summary>
public sealed class FinalBenchLauncher(BenchRunner runner, BenchQueue queue, IOptions<BenchOptions> options, IWebHostEnvironment environment)
{
    public const string DatasetName = "final";

    public bool Available => options.Value.LiveConfigured && !string.IsNullOrWhiteSpace(options.Value.Dataset.Queries);

    public string UnavailableReason =>
        !options.Value.LiveConfigured ? "No live bench endpoints are configured (Bench:BaselineEndpoint and Bench:CandidateEndpoint)."
        : "No pinned query set is configured (Bench:Dataset:Queries and Bench:Dataset:Qrels).";

    public async Task<Lens.Core.Bench.BenchRun> StartAsync(string version, string actor, CancellationToken ct)
    {
        if (!Available) throw new BenchRequestException(options.Value.LiveConfigured ? "Bench:Dataset" : "Bench:CandidateEndpoint", UnavailableReason, StatusCodes.Status409Conflict);
        PinnedDataset dataset;
        try
        {
            dataset = PinnedDataset.Load(DatasetName, options.Value.Dataset, environment.ContentRootPath);
        }
        catch (Lens.Core.Bench.TrecFormatException ex)
        {
            throw new BenchRequestException("Bench:Dataset", ex.Message, StatusCodes.Status409Conflict);
        }
        var run = await runner.CreateLiveAsync(version, dataset, null, null, actor, ct);
        queue.Enqueue(run.Id, dataset);
        return run;
    }
}
