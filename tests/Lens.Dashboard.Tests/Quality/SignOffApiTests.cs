using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

public sealed class SignOffApiTests : AppTestBase
{
    [Fact]
    public async Task Decide_MissingFields_400NamesEachField()
    {
        await Client.CreateReleaseAsync();
        using var sam = await SignedInClient.CreateAsync(App, "sam", ["manager"], ["sre"]);

        var response = await sam.PostJsonAsync("/api/releases/2.4.0/decisions", new { role = "marketing" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!;
        Assert.Contains("engineering-lead, product, sre", (string)errors["role"]![0]!);
        Assert.NotNull(errors["approved"]);
        Assert.NotNull(errors["reason"]);
        Assert.Empty((await (await Client.GetAsync("/api/releases/2.4.0/signoff")).JsonAsync())["decisions"]!.AsArray());
    }

    [Fact]
    public async Task Decide_Rejection_VerdictIsRejectedAndPromotionSaysWhy()
    {
        await Client.CreateReleaseAsync();
        using var sam = await SignedInClient.CreateAsync(App, "sam", ["manager"], ["sre"]);

        // A typed actor is still accepted, but the decision is recorded as the signed-in person.
        var state = await (await sam.PostJsonAsync("/api/releases/2.4.0/decisions",
            new { role = "sre", actor = "somebody-else", approved = false, reason = "p99 regression" })).JsonAsync();
        var promote = await sam.PostJsonAsync("/api/releases/2.4.0/promote", new { actor = "dana" });

        Assert.Equal("rejected", (string?)state["verdict"]);
        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
        var reasons = (await promote.JsonAsync())["errors"]!["release"]!.AsArray().Select(r => (string)r!).ToArray();
        Assert.Contains("sre rejected it (sam: p99 regression)", reasons);
        Assert.Contains("no decision from product yet", reasons);
        Assert.Contains("3 consecutive passing nights are needed, it has 0", reasons);
    }

    [Fact]
    public async Task ReportMarkdown_NewRelease_VerdictFirstThenGatesNightsApproversFingerprint()
    {
        var release = await Client.CreateReleaseAsync();

        var response = await Client.GetAsync("/api/releases/2.4.0/report.md");
        var md = await response.Content.ReadAsStringAsync();

        Assert.Equal("sign_off_report_2.4.0.md", response.Content.Headers.ContentDisposition?.FileName);
        // The title, when it was generated (the app's clock), then the verdict first.
        Assert.StartsWith("# Release 2.4.0: sign-off report\n\nGenerated 2026-11-22 09:00:00 UTC. Measures follow trec_eval 10.0.\n\n## Verdict: NOT YET ELIGIBLE\n", md);
        var order = new[] { "## Verdict", "## Gates", "## Nightly validation", "## Approvers", "## Fingerprint" }.Select(h => md.IndexOf(h, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains($"`{(string)release["fingerprint"]!}`", md);
        Assert.Contains("| sre | waiting |", md);
    }

    [Fact]
    public async Task ConfigFingerprint_Download_NamedByVersionWithConfigAndFingerprint()
    {
        var release = await Client.CreateReleaseAsync();

        var response = await Client.GetAsync("/api/releases/2.4.0/config-fingerprint");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("config_fingerprint_2.4.0.json", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal((string?)release["fingerprint"], (string?)body["fingerprint"]);
        Assert.Equal(release["config"]!.ToJsonString(), body["config"]!.ToJsonString());
    }

    [Fact]
    public async Task SignOff_UnknownRelease_404()
    {
        var response = await Client.GetAsync("/api/releases/9.9.9/signoff");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["version"]);
    }

    [Fact]
    public async Task Decide_ManagerWithoutThatSignOffRole_Is403AndNothingRecorded()
    {
        await Client.CreateReleaseAsync();
        using var pat = await SignedInClient.CreateAsync(App, "pat", ["manager"], ["product"]);

        var forSre = await pat.PostJsonAsync("/api/releases/2.4.0/decisions", new { role = "sre", approved = true, reason = "looks fine" });
        var forProduct = await pat.PostJsonAsync("/api/releases/2.4.0/decisions", new { role = "product", approved = true, reason = "looks fine" });

        Assert.Equal(HttpStatusCode.Forbidden, forSre.StatusCode);
        Assert.Contains("does not hold the sign-off role 'sre'", (string)(await forSre.JsonAsync())["errors"]!["role"]![0]!);
        Assert.Equal(HttpStatusCode.OK, forProduct.StatusCode);
        var decisions = (await (await Client.GetAsync("/api/releases/2.4.0/signoff")).JsonAsync())["decisions"]!.AsArray();
        var only = Assert.Single(decisions);
        Assert.Equal(("product", "pat"), ((string)only!["role"]!, (string)only["actor"]!));
    }

    [Fact]
    public async Task Decide_AdminToken_Is403BecauseItHoldsNoSignOffRole()
    {
        await Client.CreateReleaseAsync();

        var response = await Client.PostJsonAsync("/api/releases/2.4.0/decisions", new { role = "sre", approved = true, reason = "admin override" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await (await Client.GetAsync("/api/releases/2.4.0/signoff")).JsonAsync())["decisions"]!.AsArray());
    }
}
