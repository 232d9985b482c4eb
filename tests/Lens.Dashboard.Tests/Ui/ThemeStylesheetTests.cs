using Lens.Dashboard.Features.Ui;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Ui;

public sealed class ThemeStylesheetTests : AppTestBase
{
    [Fact]
    public async Task GetTheme_FromThePages_ServesTheComponentThemeWithoutDocumentHasRules()
    {
        var page = await Client.GetStringAsync("/");
        Assert.Contains($"href=\"{ThemeStylesheet.Href}\"", page);

        using var response = await Client.GetAsync(ThemeStylesheet.Href);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        var css = await response.Content.ReadAsStringAsync();
        Assert.True(css.Length > 100_000, $"The theme is only {css.Length} characters long.");
        Assert.Contains(".rz-button", css);
        Assert.DoesNotContain(":root:has(", css);
        Assert.DoesNotContain("body:has(", css);
    }

    [Fact]
    public async Task GetTheme_ItsFonts_AreReachableFromWhereItIsServed()
    {
        var css = await Client.GetStringAsync(ThemeStylesheet.Href);
        var fonts = System.Text.RegularExpressions.Regex.Matches(css, "url\\(\"(?<path>[^\"]+\\.woff2)\"\\)").Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.NotEmpty(fonts);
        foreach (var font in fonts)
        {
            Assert.StartsWith("/_content/Radzen.Blazor/fonts/", font);
            using var response = await Client.GetAsync(font);
            Assert.True(response.IsSuccessStatusCode, $"{font} answered {(int)response.StatusCode}.");
        }
    }
}
