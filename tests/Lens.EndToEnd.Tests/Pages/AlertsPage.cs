using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class AlertsPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/alerts");

    /// <summary>The table row of the alert with this title: its state, acknowledgement and buttons are in other cells of it.</summary>
    public ILocator Row(string title) => Page.Locator("tr.mud-table-row", new() { Has = Page.GetByTestId("alert-row").Filter(new() { HasText = title }) });

    public ILocator State(string title) => Row(title).GetByTestId("alert-state");

    public async Task AcknowledgeAsync(string title, string actor, string reason)
    {
        await Row(title).GetByTestId("alert-acknowledge").ClickAsync();
        await ConfirmAsync(actor, reason);
    }
}
