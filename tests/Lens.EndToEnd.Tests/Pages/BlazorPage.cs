using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>Opens a page and waits until Blazor has started and its circuit is connected, so clicks reach the server.</summary>
public abstract class BlazorPage(IPage page)
{
    public IPage Page { get; } = page;

    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitConnectedAsync();
    }

    public async Task WaitConnectedAsync(float timeoutMs = 15_000)
    {
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = timeoutMs });
        await Page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'", null, new() { Timeout = timeoutMs });
    }

    public Task<string?> ConnectionStateAsync() => Page.EvaluateAsync<string?>("() => document.documentElement.dataset.connection");
}
