namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>A test with its own dashboard process, a browser, and the API to arrange and check state from outside.</summary>
public abstract class DashboardBrowserTest(Dictionary<string, string>? settings = null) : IAsyncLifetime
{
    protected DashboardProcess App { get; } = new(settings);
    protected BrowserSession Browser { get; private set; } = default!;
    protected DashboardApi Api { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        await App.StartAsync();
        Browser = await BrowserSession.LaunchAsync();
        Api = new DashboardApi(App.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
