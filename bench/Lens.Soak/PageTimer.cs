using System.Diagnostics;
using Lens.LoadDriver;

namespace Lens.Soak;

/// <summary>
/// Loads a page in headless Chromium, signed in as a viewer, and times navigation until the live page shows the data
/// named by a script condition (the server-rendered table or card, not the "Connecting…" shell the first response holds).
/// </summary>
public sealed class PageTimer(CdpBrowser browser, Uri server)
{
    public async Task<double> MedianMsAsync(string path, string dataCondition, string? cookie, int trials)
    {
        var times = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            var watch = Stopwatch.StartNew();
            var page = await browser.OpenIsolatedPageAsync(new Uri(server, path).ToString(), "", cookie);
            while (true)
            {
                var ready = await browser.EvaluateAsync(page, $"(() => {{ try {{ return !!({dataCondition}); }} catch {{ return false; }} }})()");
                if (ready?.GetValue<bool>() == true) break;
                if (watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    var body = await browser.EvaluateAsync(page, "document.body.innerText.slice(0, 400)");
                    throw new TimeoutException($"{path} showed no data in 60 s: {body}");
                }
                await Task.Delay(10);
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
            await CloseAllPagesAsync();
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Closes every tab, so no circuit stays open on the server between measurements.</summary>
    private async Task CloseAllPagesAsync()
    {
        var targets = (await browser.SendAsync("Target.getTargets"))["targetInfos"]!.AsArray();
        foreach (var t in targets)
            if ((string?)t!["type"] == "page" && (string?)t["url"] is { } url && url.StartsWith(server.ToString(), StringComparison.Ordinal))
                await browser.SendAsync("Target.closeTarget", new { targetId = (string)t["targetId"]! });
    }
}
