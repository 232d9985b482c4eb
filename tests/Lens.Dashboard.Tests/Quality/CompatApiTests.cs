using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

public sealed class CompatApiTests : AppTestBase
{
    [Theory]
    [InlineData("v1", "v1", true)]
    [InlineData("1.4.0", "1.0.2", true)]
    [InlineData("v2", "v1", false)]
    [InlineData("0.3.0", "0.4.0", false)]
    public async Task Check_VersionPair_AnswersBySemVer(string api, string index, bool compatible)
    {
        var response = await Client.GetAsync($"/compat/check?api_version={api}&index_version={index}");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(compatible, (bool)body["compatible"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["reason"]));
    }

    [Fact]
    public async Task Check_BadAndMissingVersions_400NamesBothFields()
    {
        var response = await Client.GetAsync("/compat/check?api_version=latest");
        var errors = (await response.JsonAsync())["errors"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'latest'", (string)errors["api_version"]![0]!);
        Assert.Contains("Required", (string)errors["index_version"]![0]!);
    }
}
