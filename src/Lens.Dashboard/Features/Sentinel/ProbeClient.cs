using Lens.Dashboard.Hosting;
using System.Diagnostics;
using Lens.Core.Sentinel;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>Sends one probe query and judges the answer (read as <see cref="SearchAnswer"/> describes).</summary>
public sealed class ProbeClient(IHttpClientFactory httpFactory, SelfAddress self, IOptions<SentinelOptions> options)
{
    public const string HttpClientName = "sentinel";

    public async Task<ProbeRun> SendAsync(Guid round, string name, ProbeDefinition probe, DateTimeOffset at, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        try
        {
            var url = SearchAnswer.Resolve(o.Endpoint!.Replace("{query}", Uri.EscapeDataString(probe.Query), StringComparison.Ordinal), self, "Sentinel:Endpoint");
            using var response = await httpFactory.CreateClient(HttpClientName).GetAsync(url, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                return Fail(ProbeOutcome.Error, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var results = SearchAnswer.Parse(body);
            if (results is null) return Fail(ProbeOutcome.Error, "The answer is not JSON with a results array.");
            if (results.Count == 0) return ProbeRun.Record(round, name, probe.Query, at, ProbeOutcome.ZeroResults, 0, elapsed, null, null, "zero results");
            bool? anchorHit = probe.AnchorFile is { Length: > 0 } anchor
                ? results[0].File?.EndsWith(anchor, StringComparison.Ordinal) == true
                : null;
            return ProbeRun.Record(round, name, probe.Query, at, ProbeOutcome.Pass, results.Count, elapsed, SentinelPolicy.SpanCoverage(results), anchorHit, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail(ProbeOutcome.Timeout, $"no answer within {o.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return Fail(ProbeOutcome.Error, ex.Message);
        }

        ProbeRun Fail(ProbeOutcome outcome, string error) =>
            ProbeRun.Record(round, name, probe.Query, at, outcome, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, null, error);
    }
}
