using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>Saves full-page screenshots under the test output's screenshots folder, for people to look at.</summary>
public static class Screenshots
{
    // Emptied once per run, so nobody looks at a picture (or a FAILED- one) left over from an earlier run.
    private static readonly Lazy<string> EmptiedFolder = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    });

    public static string Folder => EmptiedFolder.Value;

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
        // The app bar and drawer are fixed: from a scrolled page they would be painted across the middle of the picture.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
