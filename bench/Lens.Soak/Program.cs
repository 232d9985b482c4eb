using System.Diagnostics;
using System.Globalization;
using Lens.LoadDriver;
using Microsoft.Extensions.Time.Testing;

namespace Lens.Soak;

/// <summary>The soak's entry point (not top-level statements: the dashboard's own Program must stay the only <c>Program</c> in scope for the factory).</summary>
public static class SoakMain
{
    public static async Task Main(string[] args)
    {
        // dotnet run -c Release --project bench/Lens.Soak -- --days 30 --rps 100 --checkpoints 1,7,30 --trials 5
        var days = IntArg("--days", 30);
        var rps = IntArg("--rps", 100);
        var trials = IntArg("--trials", 5);
        var checkpoints = (Arg("--checkpoints") ?? "1,7,30").Split(',').Select(int.Parse).Where(d => d <= days).ToList();

        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var host = new SoakHost(clock);
        host.StartServer();
        var server = new Uri(host.ClientOptions.BaseAddress.ToString().TrimEnd('/') + "/");
        Console.WriteLine($"soak: {days} simulated days at {rps} requests/s, dashboard at {server}, database {host.DatabasePath}");

        await using var browser = await CdpBrowser.LaunchAsync("/usr/bin/chromium", ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,720"]);
        var pages = new PageTimer(browser, server);
        var driver = new SoakDriver(host, rps);
        var rows = new List<string>();
        var wall = Stopwatch.StartNew();

        foreach (var day in checkpoints)
        {
            // Ten minutes into the day: the day's first rollout has started and has whole buckets of traffic on screen.
            var simulated = Stopwatch.StartNew();
            await driver.RunUntilAsync(start + TimeSpan.FromDays(day) + TimeSpan.FromMinutes(10), Console.WriteLine);
            Console.WriteLine($"day {day}: simulated in {simulated.Elapsed.TotalSeconds:F0} s ({driver.Events:N0} events so far)");

            for (var i = 0; i < 2; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var workingSet = Process.GetCurrentProcess().WorkingSet64;
            var dbBytes = host.DatabaseBytes();

            var cookie = await BenchCredentials.ViewerCookieAsync(server);
            var version = driver.CurrentVersion;
            const string Live = "document.documentElement.dataset.connection === 'connected'";
            var overview = await pages.MedianMsAsync("/", $"{Live} && document.querySelector('[data-testid=\"rollout-state\"]') && document.body.innerText.includes('{version}')", cookie, trials);
            var detail = await pages.MedianMsAsync($"rollouts/{driver.CurrentRollout}", $"{Live} && document.querySelector('[data-testid=\"rollout-title\"] [data-testid=\"rollout-state\"]') && document.body.innerText.includes('{version}')", cookie, trials);
            var wallMs = await pages.MedianMsAsync("wall", $"{Live} && document.querySelector('[data-testid=\"wall-rollout\"] .wall-card-stage') && document.body.innerText.includes('{version}')", cookie, trials);

            var lastDay = driver.PruneRuns.Where(r => r.StartedAt > clock.GetUtcNow() - TimeSpan.FromDays(1)).ToList();
            var last = driver.PruneRuns.LastOrDefault();
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {day} | {dbBytes / 1048576.0:F1} MB | {heap / 1048576.0:F1} MB | {workingSet / 1048576.0:F0} MB | {overview:F0} ms | {detail:F0} ms | {wallMs:F0} ms | {last?.Duration.TotalMilliseconds ?? 0:F0} ms (max {lastDay.Select(r => r.Duration.TotalMilliseconds).DefaultIfEmpty(0).Max():F0} ms, {lastDay.Sum(r => r.Folded)} folded, {lastDay.Sum(r => r.Deleted.Values.Sum())} deleted in the last day) |");
            rows.Add(row);
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine($"| day | database | GC heap after full collect | working set | overview | rollout detail | wall | pruning job (last run) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"soak finished in {wall.Elapsed.TotalMinutes:F1} min of real time; {driver.Events:N0} events ingested");

        string? Arg(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int IntArg(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}
