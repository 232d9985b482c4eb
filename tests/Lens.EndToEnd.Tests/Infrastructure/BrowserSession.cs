using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright; never a downloaded browser.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing. Run the README's test command (it installs Debian's chromium) or: apt-get install -y chromium");
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session.Browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return session;
    }

    /// <summary>
    /// A page in its own context, 1600×1000 by default (a desk); the wall tests ask for 1920×1080. It is signed in
    /// through the sign-in form as <paramref name="user"/> (the lead by default); <see cref="NewAnonymousPageAsync"/> is not.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, List<string>? console = null, int width = 1600, int height = 1000, E2eUser? user = null)
    {
        var page = await NewAnonymousPageAsync(baseAddress, console, width, height);
        await SignInAsync(page, user ?? DashboardUsers.Lead);
        return page;
    }

    /// <summary>Fills the sign-in form and submits it with Enter, as a person would.</summary>
    public static async Task SignInAsync(IPage page, E2eUser user)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#userName").FillAsync(user.Name);
        await page.Locator("#password").FillAsync(E2eUser.Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    public async Task<IPage> NewAnonymousPageAsync(Uri baseAddress, List<string>? console = null, int width = 1600, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        if (console is not null)
        {
            page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };
            page.PageError += (_, e) => { lock (console) console.Add($"pageerror: {e}"); };
        }
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
