using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Lens.Dashboard.Tests.OnCall;

public sealed class ProbeTimeoutTests
{
    [Fact]
    public async Task Probe_EndpointSlowerThanTimeout_FailsAsTimeoutAndMalformedAnswerAsError()
    {
        await using var search = new LocalHttpServer(async context =>
        {
            if (context.Request.Query["q"] == "class") await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
            else await context.Response.WriteAsync("<html>not json</html>");
        });
        await search.StartAsync();
        using var app = new LensAppFactory(settings: new Dictionary<string, string?>
        {
            ["Sentinel:Endpoint"] = search.Url("/search?q={query}"),
            ["Sentinel:Timeout"] = "00:00:00.300",
        });
        app.CreateClient();

        var runs = await app.Get<SentinelService>().RunRoundAsync();

        var slow = Assert.Single(runs, r => r.Query == "class");
        Assert.Equal(ProbeOutcome.Timeout, slow.Outcome);
        Assert.InRange(slow.LatencyMs, 250, 2500);
        Assert.Equal(ProbeOutcome.Error, Assert.Single(runs, r => r.Query == "def").Outcome);
        Assert.True(app.Get<SentinelService>().Tripped);
    }
}
