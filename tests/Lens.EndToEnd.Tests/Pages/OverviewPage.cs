using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class OverviewPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/");

    public ILocator RolloutLinks => Page.GetByTestId("rollout-link");

    public ILocator RowFor(string release) => Page.Locator("tr", new() { Has = Page.GetByTestId("rollout-link").GetByText(release, new() { Exact = true }) });

    public async Task<RolloutPage> OpenRolloutAsync(string release)
    {
        await Page.GetByTestId("rollout-link").GetByText(release, new() { Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/rollouts/**");
        var rollout = new RolloutPage(Page);
        await rollout.Title.WaitForAsync();
        return rollout;
    }
}
