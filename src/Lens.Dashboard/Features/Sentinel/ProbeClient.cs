using System.Diagnostics;
using System.Text.Json;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Demo;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Sends one probe query and judges the answer. The endpoint answers 2xx with JSON: either
/// <c>{"results": [...]}</c> or a bare array, each result carrying <c>file</c> (or <c>path</c>) and <c>line</c>.
/// </summary>
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
            var url = Resolve(o.Endpoint!.Replace("{query}", Uri.EscapeDataString(probe.Query), StringComparison.Ordinal));
            using var response = await httpFactory.CreateClient(HttpClientName).GetAsync(url, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                return Fail(ProbeOutcome.Error, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var results = Parse(body);
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

    private Uri Resolve(string url)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);
        if (uri.IsAbsoluteUri) return uri;
        var root = self.Resolve() ?? throw new HttpRequestException("The dashboard does not know its own address yet, so a relative Sentinel:Endpoint cannot be reached.");
        return new Uri(root, url.TrimStart('/'));
    }

    private static List<(string? File, int? Line)>? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var array = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement
                : doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array ? r
                : (JsonElement?)null;
            if (array is not { } items) return null;
            var results = new List<(string?, int?)>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) { results.Add((null, null)); continue; }
                var file = (item.TryGetProperty("file", out var f) || item.TryGetProperty("path", out f)) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                int? line = item.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
                results.Add((file, line));
            }
            return results;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
