using System.Net;
using Lens.Core.Calibration;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// A day of impressions from a ranker: so many queries with so many results each, scores drawn by a rule (rounded to
/// two decimals, as services report them) and clicks by another. Keeps what it sent, so a test can fit it itself.
/// </summary>
public sealed class ImpressionDayBuilder(int seed)
{
    private readonly Random _random = new(seed);
    private int _queries = 200;
    private int _resultsPerQuery = 10;
    private Func<double, double> _score = u => u;
    private Func<double, double> _clickRate = p => Math.Pow(p, 2.5);
    private string _prefix = $"d{seed}-";

    public List<double> Scores { get; } = [];
    public List<bool> Clicks { get; } = [];
    public List<int> QueryIds { get; } = [];

    public ImpressionDayBuilder Queries(int queries, int resultsPerQuery)
    {
        (_queries, _resultsPerQuery) = (queries, resultsPerQuery);
        return this;
    }

    /// <summary>How a uniform draw in [0, 1) becomes a score.</summary>
    public ImpressionDayBuilder ScoredAs(Func<double, double> score)
    {
        _score = score;
        return this;
    }

    public async Task SendAsync(HttpClient service, string flag, string variant = "candidate")
    {
        var events = new List<object>();
        for (var q = 0; q < _queries; q++)
            for (var r = 0; r < _resultsPerQuery; r++)
            {
                var score = Math.Round(Math.Clamp(_score(_random.NextDouble()), 0, 1), 2);
                var clicked = _random.NextDouble() < _clickRate(score);
                events.Add(new { queryId = _prefix + q, score, clicked, position = r + 1 });
                Scores.Add(score);
                Clicks.Add(clicked);
                QueryIds.Add(q);
            }
        foreach (var batch in events.Chunk(5000))
        {
            var response = await service.PostJsonAsync("/api/calibration/impressions", new { flag, variant, events = batch });
            if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"Impressions refused: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public CalibrationFit Fit() => CalibrationFit.Compute([.. QueryIds], [.. Scores], [.. Clicks]);
}
