using Lens.Core.Metrics;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// The sample search service with two versions. Baseline ranks by how often the file mentions the term; the candidate
/// re-ranks the same ten files, definitions first, so it can win on precision but never lose recall. (The corpus is this
/// project's own domain library, which grows; a candidate that picked a different set would pass or fail its bench as
/// files come and go.) Each answers real queries over the corpus, then waits a
/// log-normal service time (median about 20 ms) so latencies look like a networked service's. Candidate
/// faults from <see cref="DemoFaults"/> add latency and errors, and can cap how many results it returns.
/// </summary>
public sealed class DemoSearchService(DemoCorpus corpus, DemoFaults faults)
{
    public sealed record Hit(string File, int Line, double Score);

    public sealed record Answer(bool Ok, IReadOnlyList<Hit> Hits);

    public async Task<Answer> SearchAsync(Variant variant, string query, Random random, CancellationToken ct)
    {
        var postings = corpus.Lookup(query);
        var hits = variant == Variant.Baseline ? RankByFrequency(postings) : RankDefinitionsFirst(postings);

        var serviceMs = Math.Exp(Math.Log(20) + 0.35 * Gaussian(random));
        var fault = faults.Current;
        if (variant == Variant.Candidate) serviceMs += fault.AddedLatencyMs * (0.8 + 0.4 * random.NextDouble());
        await Task.Delay(TimeSpan.FromMilliseconds(serviceMs), ct);

        var failed = variant == Variant.Candidate && random.NextDouble() < fault.ErrorRate;
        if (failed) return new Answer(false, []);
        if (variant == Variant.Candidate && fault.MaxResults is { } cap && hits.Count > cap) hits = hits.Take(Math.Max(0, cap)).ToArray();
        return new Answer(true, hits);
    }

    /// <summary>
    /// The mean number of results per query over the traffic generator's queries (every term of the corpus, equally
    /// likely), for a healthy answer: both versions return the same files, so this is what either should average.
    /// </summary>
    public double ExpectedResultsPerQuery() =>
        corpus.Terms.Count == 0 ? 0 : corpus.Terms.Average(t => (double)RankByFrequency(corpus.Lookup(t)).Count);

    /// <summary>
    /// The gauges each version reports beside its requests: resident memory in MiB and cache hit rate (a fraction). The
    /// demo has neither a real heap per version nor a cache, so both are modelled: the candidate uses a little more
    /// memory and hits its cache a little more often, well inside the deployment controller plan's limits, with noise.
    /// </summary>
    public static (double MemoryMb, double CacheHitRate) Gauges(Variant variant, Random random)
    {
        var (memory, hitRate) = variant == Variant.Baseline ? (610.0, 0.90) : (640.0, 0.91);
        return (Math.Round(memory + 15 * Gaussian(random), 1), Math.Round(Math.Clamp(hitRate + 0.01 * Gaussian(random), 0, 1), 4));
    }

    private static IReadOnlyList<Hit> RankByFrequency(IReadOnlyList<DemoCorpus.Posting> postings) =>
        postings.GroupBy(p => p.File)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DemoFaults.MaxResultsPerAnswer)
            .Select(g => new Hit(g.Key, g.First().Line, g.Count()))
            .ToArray();

    // The baseline's ten files, but a file that defines the term comes first and points at the definition.
    private static IReadOnlyList<Hit> RankDefinitionsFirst(IReadOnlyList<DemoCorpus.Posting> postings) =>
        postings.GroupBy(p => p.File)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DemoFaults.MaxResultsPerAnswer)
            .OrderByDescending(g => g.Any(p => p.IsDefinition)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new Hit(g.Key, (g.FirstOrDefault(p => p.IsDefinition) ?? g.First()).Line, (g.Any(p => p.IsDefinition) ? 10.0 : 1.0) / (i + 1)))
            .ToArray();

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
