using System.Net;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.OnCall;

public sealed class DetectorsApiTests() : AppTestBase
{
    private Task<HttpResponseMessage> ObserveAsync(string metric, double value) =>
        Client.PostJsonAsync("/api/detectors/observations", new { metric, value });

    [Fact]
    public async Task Observations_ShiftAfterBaseline_RaisesHighThenCriticalAfter24HoursThenResetResolves()
    {
        // recall_at_50 learns from 10 values: five 0.70 and five 0.72 give μ₀ = 0.71, σ = 0.010541 (sample sd).
        for (var i = 0; i < 10; i++) (await ObserveAsync("bench.recall_at_50", i % 2 == 0 ? 0.70 : 0.72)).EnsureSuccessStatusCode();
        var detector = await (await Client.GetAsync("/api/detectors/recall_at_50")).JsonAsync();
        Assert.Equal(0.71, (double)detector["target"]!, 9);
        Assert.Equal(0.0105409255, (double)detector["sigma"]!, 9);

        // K = 0.0052705, H = 0.0527046. A drop to 0.66: C⁻ = 0.7047295 − 0.66 = 0.0447295 (< H); again: 0.0894590 (> H).
        await ObserveAsync("bench.recall_at_50", 0.66);
        Assert.Empty((await (await Client.GetAsync("/api/alerts?source=detector")).JsonAsync()).AsArray());
        await ObserveAsync("bench.recall_at_50", 0.66);
        var alert = Assert.Single((await (await Client.GetAsync("/api/alerts?source=detector")).JsonAsync()).AsArray())!;
        Assert.Equal(("High", "detector:recall_at_50"), ((string?)alert["severity"], (string?)alert["key"]));
        Assert.Contains("downward", (string?)alert["title"]);

        App.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await App.Get<AlertCheckJob>().RunAsync());
        App.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await App.Get<AlertCheckJob>().RunAsync());
        Assert.Equal("Critical", (string?)(await (await Client.GetAsync($"/api/alerts/{alert["id"]}")).JsonAsync())["severity"]);

        using var kim = await SignedInClient.CreateAsync(App, "kim", ["oncall"]);
        var reset = await kim.PostJsonAsync("/api/detectors/recall_at_50/reset", new { reason = "new judgments, re-baselined by hand" });
        reset.EnsureSuccessStatusCode();
        Assert.Null((await reset.JsonAsync())["alarmSince"]);
        Assert.Equal("Resolved", (string?)(await (await Client.GetAsync($"/api/alerts/{alert["id"]}")).JsonAsync())["state"]);

        var csv = (await (await Client.GetAsync("/api/detectors/recall_at_50/history.csv")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,phase,value,c_plus,c_minus,alarm_high,alarm_low,note", csv[0]);
        Assert.Equal(14, csv.Length);
        Assert.StartsWith("2026-11-22T09:00:00.000Z,Monitoring,0.66,0,0.0447", csv[11]);
        Assert.EndsWith(",0,1,", csv[12]);
        Assert.EndsWith("Reset,,0,0,0,0,\"kim: new judgments, re-baselined by hand\"", csv[13]);
    }

    [Fact]
    public async Task Observations_UnwatchedMetricAndMissingValue_Are400NamingBoth()
    {
        var response = await Client.PostJsonAsync("/api/detectors/observations", new { metric = "made.up" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("probe.anchor_p_at_1", (string?)errors["metric"]![0]);
        Assert.True(errors.ContainsKey("value"));
    }

    [Fact]
    public async Task Detectors_Defaults_WatchAnchorPrecisionRecallLatencyAndSpanCoverage()
    {
        var names = (await (await Client.GetAsync("/api/detectors")).JsonAsync()).AsArray().Select(d => (string)d!["name"]!);
        Assert.Equal(["anchor_p_at_1", "p95_latency", "recall_at_50", "span_coverage"], names);
    }

    [Fact]
    public void Signature_IsHmacSha256OfTimestampDotBody()
    {
        // Reference from Python: hmac.new(b"0123456789abcdef-secret", b'1795000000.{"event":"alert.raised"}', hashlib.sha256).hexdigest()
        const string body = """{"event":"alert.raised"}""";
        Assert.Equal("sha256=ab33b82de11d76eff37cc14c33154e430c4b52c2509ba843884505314adabf14", WebhookSignature.Compute("0123456789abcdef-secret", "1795000000", body));
        Assert.True(WebhookSignature.Verify("0123456789abcdef-secret", "1795000000", body, "sha256=ab33b82de11d76eff37cc14c33154e430c4b52c2509ba843884505314adabf14"));
        Assert.False(WebhookSignature.Verify("0123456789abcdef-secret", "1795000001", body, "sha256=ab33b82de11d76eff37cc14c33154e430c4b52c2509ba843884505314adabf14"));
    }
}
