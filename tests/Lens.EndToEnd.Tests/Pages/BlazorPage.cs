using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>Opens a page and waits until Blazor has started and its circuit is connected, so clicks reach the server.</summary>
public abstract class BlazorPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitConnectedAsync();
    }

    public async Task WaitConnectedAsync(float timeoutMs = 15_000)
    {
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = timeoutMs });
        await Page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'", null, new() { Timeout = timeoutMs });
    }

    /// <summary>
    /// Waits until every chart on the page is drawn at its measured size with its legend: MudBlazor draws a chart at a
    /// default size first and again once the browser has measured it, and a picture taken between the two is wrong.
    /// </summary>
    public Task WaitChartsDrawnAsync() => WaitChartsDrawnAsync(Page);

    public static Task WaitChartsDrawnAsync(IPage page) => page.WaitForFunctionAsync("""
        () => [...document.querySelectorAll('.lens-mudchart')].every(c => {
            const svg = c.querySelector('svg.mud-chart-line');
            return svg && svg.viewBox.baseVal.width > 300 && c.querySelector('.mud-chart-legend') && c.querySelector('path.mud-chart-line');
        })
        """);

    /// <summary>Checks the dialog every action opens names the signed-in actor, gives the reason, and confirms.</summary>
    public async Task ConfirmAsync(string actor, string reason)
    {
        var dialog = Page.GetByTestId("confirm-dialog");
        await dialog.WaitForAsync();
        await Assertions.Expect(dialog.GetByTestId("confirm-actor")).ToHaveTextAsync(actor);
        await dialog.GetByTestId("confirm-reason").FillAsync(reason);
        await dialog.GetByTestId("confirm-ok").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public Task<string?> ConnectionStateAsync() => Page.EvaluateAsync<string?>("() => document.documentElement.dataset.connection");
}
