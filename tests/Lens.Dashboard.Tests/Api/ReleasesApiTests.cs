using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class ReleasesApiTests : AppTestBase
{

    [Fact]
    public async Task Post_ValidRelease_Returns201WithFingerprintOfCanonicalConfig()
    {
        var response = await Client.PostAsJsonAsync("/api/releases", new { version = "2.4.0", config = new { b = 2, a = 1 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("2.4.0", (string?)body["version"]);
        Assert.NotNull(body["id"]);
        // sha256 of {"a":1,"b":2}, computed with python hashlib.
        Assert.Equal("sha256:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777", (string?)body["fingerprint"]);
        Assert.Equal("/api/releases/2.4.0", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_SameConfigDifferentKeyOrder_GivesSameFingerprint()
    {
        var a = await (await Client.PostAsync("/api/releases", Json("""{"version":"1","config":{"x":1,"y":[1,2]}}"""))).JsonAsync();
        var b = await (await Client.PostAsync("/api/releases", Json("""{"version":"2","config":{ "y" : [1, 2], "x" : 1.0 }}"""))).JsonAsync();
        Assert.Equal((string?)a["fingerprint"], (string?)b["fingerprint"]);
    }

    [Fact]
    public async Task Post_ExistingVersion_Returns409NamingVersion()
    {
        await Client.CreateReleaseAsync("2.4.0");
        var response = await Client.PostAsJsonAsync("/api/releases", Requests.Release("2.4.0"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["version"]);
    }

    [Theory]
    [InlineData("""{"config":{}}""", "version")]
    [InlineData("""{"version":"1","config":[1]}""", "config")]
    [InlineData("""{"version":"1"}""", "config")]
    [InlineData("""{"version":"1","config":{""", "config")]
    [InlineData("""{"version":"1",""", "body")]
    [InlineData("""{"version":1,"config":{}}""", "version")]
    public async Task Post_BadInput_Returns400ProblemNamingTheField(string json, string field)
    {
        var response = await Client.PostAsync("/api/releases", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(400, (int?)problem["status"]);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Get_List_ReturnsCreatedReleases()
    {
        await Client.CreateReleaseAsync("1.0.0");
        await Client.CreateReleaseAsync("1.1.0");
        var list = await (await Client.GetAsync("/api/releases")).JsonAsync();
        Assert.Equal(["1.0.0", "1.1.0"], list.AsArray().Select(r => (string)r!["version"]!).Order());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
