using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class AlertsPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/alerts");

    public ILocator Row(string title) => Page.GetByTestId("alert-row").Filter(new() { HasText = title });

    public ILocator State(string title) => Row(title).GetByTestId("alert-state");

    public async Task AcknowledgeAsync(string title, string actor, string reason)
    {
        await Row(title).GetByTestId("alert-acknowledge").ClickAsync();
        await ConfirmAsync(actor, reason);
    }
}
