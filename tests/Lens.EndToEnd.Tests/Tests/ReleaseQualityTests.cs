using System.Text.Json.Nodes;
using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class ReleaseQualityTests() : DashboardBrowserTest(ReleaseQualitySettings.DemoBench())
{
    private const string Version = "4.1.0";

    private async Task<JsonNode> CreateReleaseAsync() =>
        await Api.PostAsync("/api/releases", new { version = Version, config = new { ranker = "definitions-first", k1 = 1.2 } });

    [Fact]
    public async Task ReleasePage_RunFinalBench_ShowsGatesAndOffersTheResultFiles()
    {
        var release = await CreateReleaseAsync();
        var page = new ReleasePage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(page.Page, "release-page", async () =>
        {
            await page.OpenReleaseAsync(Version);
            await Expect(page.Fingerprint).ToHaveTextAsync((string)release["fingerprint"]!);
            await Expect(page.Config).ToContainTextAsync("\"ranker\": \"definitions-first\"");
            await Expect(page.Status).ToHaveTextAsync("CANDIDATE");

            await page.StartBench.ClickAsync();

            // The bench runs in the dashboard's worker; the page hears it finish.
            await Expect(page.BenchVerdict).ToHaveTextAsync("PASS", new() { Timeout = 20_000 });
            await Expect(page.GateRows).ToHaveCountAsync(5);
            await Expect(page.GateRows.Filter(new() { HasText = "span coverage" })).ToContainTextAsync("= 1");
            await Screenshots.SaveAsync(page.Page, "release-page");

            var (name, text) = await page.DownloadAsync(page.BenchFile("final_bench_results.json"));
            Assert.Equal("final_bench_results.json", name);
            Assert.Equal(Version, (string?)JsonNode.Parse(text)!["release"]);
            var (csvName, csv) = await page.DownloadAsync(page.BenchFile("metrics.csv"));
            Assert.Equal("metrics.csv", csvName);
            Assert.StartsWith("scope,measure,baseline,candidate,delta,ci_lower,ci_upper", csv);
            var (mdName, md) = await page.DownloadAsync(page.BenchFile("sign_off_summary.md"));
            Assert.Equal("sign_off_summary.md", mdName);
            Assert.StartsWith($"# Bench sign-off summary: {Version}", md);
            var (fingerprintName, fingerprint) = await page.DownloadAsync(page.FingerprintDownload);
            Assert.Equal($"config_fingerprint_{Version}.json", fingerprintName);
            Assert.Equal((string)release["fingerprint"]!, (string?)JsonNode.Parse(fingerprint)!["fingerprint"]);
        });
    }

    [Fact]
    public async Task Nightly_LeadPinsTheReleaseThenStartsTheNight_ReleasesPageFollowsItToTheEnd()
    {
        await CreateReleaseAsync();
        var release = new ReleasePage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(release.Page, "release-pin", async () =>
        {
            await release.OpenReleaseAsync(Version);
            await Expect(release.Pinned).ToContainTextAsync("Validated tonight: one of the 5 newest candidates");

            await release.Pin.ClickAsync();
            await release.ConfirmAsync(DashboardUsers.Lead.Name, "the release the README names");

            await Expect(release.PinnedChip).ToBeVisibleAsync();
            await Expect(release.Pinned).ToContainTextAsync($"PINNED by {DashboardUsers.Lead.Name}");
            await Expect(release.Pinned).ToContainTextAsync("the release the README names");
            await Expect(release.Pin).ToHaveCountAsync(0);
            await Expect(release.Unpin).ToBeVisibleAsync();
        });
        Assert.NotNull((await Api.GetAsync($"/api/releases/{Version}"))["pinned"]);

        var releases = new ReleasesPage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(releases.Page, "releases-nightly", async () =>
        {
            await releases.OpenReleasesAsync();
            await Expect(releases.Tonight).ToContainTextAsync($"{Version} (pinned)");

            await releases.StartNight.ClickAsync();

            // The benches run in the worker after the click has returned; the panel follows them live.
            await Expect(releases.NightlyStatus).ToHaveTextAsync("FINISHED", new() { Timeout = 30_000 });
            // The demo's own releases are validated too: however many benches, all of them are done.
            await Expect(releases.NightlyCounts).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\b(\d+) of \1 benches done"));
            await Expect(releases.NightRelease(Version)).ToContainTextAsync("2/2");
            await Screenshots.SaveAsync(releases.Page, "releases-nightly");
        });
    }

    [Fact]
    public async Task SignOff_NightPassesThenEveryRoleApproves_PromoteToGaBecomesPossible()
    {
        await CreateReleaseAsync();
        var page = new ReleasePage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(page.Page, "release-signoff", async () =>
        {
            await page.OpenReleaseAsync(Version);
            await Expect(page.Promote).ToBeDisabledAsync();
            await Expect(page.Missing).ToContainTextAsync("1 consecutive passing nights are needed, it has 0");
            await Expect(page.Missing).ToContainTextAsync("no decision from product yet");

            // Tonight's validation, as the nightly job runs it; the page hears the result.
            var runs = await Api.RunNightAsync(TimeSpan.FromSeconds(30));
            Assert.NotEmpty(runs);
            Assert.All(runs, r => Assert.Equal("pass", (string?)r!["verdict"]));
            await Expect(page.NightTiles).ToHaveCountAsync(1);
            await Expect(page.NightTiles.First).ToContainTextAsync("PASS");
            await Expect(page.Missing).Not.ToContainTextAsync("passing nights");

            // The signed-in lead holds all three sign-off roles; each decision is recorded under that name.
            var lee = DashboardUsers.Lead.Name;
            await page.DecideAsync("engineering-lead", true, lee, "bench and nights are clean");
            await page.DecideAsync("product", false, lee, "wait for the docs");
            await Expect(page.SignOffVerdict).ToHaveTextAsync("REJECTED");
            await Expect(page.Missing).ToContainTextAsync($"product rejected it ({lee}: wait for the docs)");
            await page.DecideAsync("product", true, lee, "docs are out");
            await page.DecideAsync("sre", true, lee, "dashboards and alerts ready");

            await Expect(page.SignOffVerdict).ToHaveTextAsync("READY FOR GA");
            await Expect(page.Decision("sre")).ToContainTextAsync($"approved by {lee}");
            await Expect(page.Promote).ToBeEnabledAsync();
            await Screenshots.SaveAsync(page.Page, "release-signoff-ready");

            await page.Promote.ClickAsync();
            await page.ConfirmAsync(DashboardUsers.Lead.Name, "three owners signed off");

            await Expect(page.Status).ToHaveTextAsync("GENERALLY AVAILABLE");
            await Expect(page.Promoted).ToContainTextAsync($"Promoted to GA by {DashboardUsers.Lead.Name}");
            Assert.Equal("ga", (string?)(await Api.GetAsync($"/api/releases/{Version}"))["status"]);
        });
    }

    [Fact]
    public async Task Report_PrintedOnA4AndLetter_VerdictFirstWithoutTheDashboardChrome()
    {
        await CreateReleaseAsync();
        await Api.PostAsync($"/api/releases/{Version}/bench/live", new { actor = "ci" });
        await Api.WaitForAsync($"/api/releases/{Version}/bench", runs => runs.AsArray().Any(r => (string?)r!["status"] == "completed"), TimeSpan.FromSeconds(20), "the final bench");
        await Api.RunNightAsync(TimeSpan.FromSeconds(30));
        using (var lead = await DashboardApi.SignedInAsync(App.BaseAddress, DashboardUsers.Lead))
            await lead.PostAsync($"/api/releases/{Version}/decisions", new { role = "sre", approved = true, reason = "alerts ready" });

        var report = new SignOffReportPage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(report.Page, "report-print", async () =>
        {
            await report.OpenReportAsync(Version);
            await Expect(report.VerdictWord).ToHaveTextAsync("NOT YET ELIGIBLE");
            await Expect(report.Gates).ToHaveCountAsync(5);
            await Expect(report.Approvers.Filter(new() { HasText = "sre" })).ToContainTextAsync("alerts ready");

            // The nightly chart is drawn once the browser has measured it; the printed copy must not catch it half drawn.
            await report.WaitChartsDrawnAsync();
            await Expect(report.Page.GetByTestId("nightly-chart").Locator("svg.mud-chart-line")).ToBeVisibleAsync();
            await Expect(report.Page.GetByTestId("nightly-chart").Locator(".mud-chart-legend")).ToContainTextAsync("members");
            await report.Page.EmulateMediaAsync(new() { Media = Media.Print });

            await Expect(report.Navigation).ToBeHiddenAsync();
            await Expect(report.PrintButton).ToBeHiddenAsync();
            var verdictTop = await report.TopOfAsync(report.Verdict);
            Assert.True(verdictTop < await report.TopOfAsync(report.Gates.First), "the verdict comes before the gates");
            Assert.True(verdictTop < await report.TopOfAsync(report.Fingerprint), "the verdict comes before the fingerprint");
            await Screenshots.SaveAsync(report.Page, "report-print");

            foreach (var (format, widthMm) in new[] { ("A4", 210.0), ("Letter", 215.9) })
            {
                // At the paper's printable width (less the 12 mm margins) nothing may stick out sideways.
                var printable = (int)((widthMm - 24) / 25.4 * 96);
                await report.Page.SetViewportSizeAsync(printable, 1000);
                var overflow = await report.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{format}: the report is {overflow} px wider than the page");
                // The chart prints at the size it was drawn for, not shrunk from a wider screen layout (tiny axis labels).
                await report.Page.WaitForFunctionAsync("""
                    () => { const svg = document.querySelector('[data-testid=nightly-chart] svg.mud-chart-line');
                            const ratio = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                            return ratio > 0.9 && ratio < 1.1; }
                    """, null, new() { Timeout = 5000 });
                var pdf = await report.Page.PdfAsync(new() { Format = format, PrintBackground = true, Path = Path.Combine(Screenshots.Folder, $"report-{format}.pdf") });
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
            }
        });
    }
}
