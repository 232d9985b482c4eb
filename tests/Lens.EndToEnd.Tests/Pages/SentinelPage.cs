using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class SentinelPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/sentinel");

    public ILocator State => Page.GetByTestId("sentinel-state");
    public ILocator SuccessRate => Page.GetByTestId("sentinel-success-rate");
    public ILocator Chart => Page.GetByTestId("sentinel-chart");
}
