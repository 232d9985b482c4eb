using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>Saves full-page screenshots under the test output's screenshots folder, for people to look at.</summary>
public static class Screenshots
{
    public static string Folder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Runs a test body; on failure saves what the page showed and where it was, then fails as it would have.</summary>
    public static async Task OnFailureAsync(IPage page, string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var path = await SaveAsync(page, "FAILED-" + name);
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nPage was at {page.Url}; screenshot: {path}");
        }
    }

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
