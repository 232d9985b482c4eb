using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>The releases list and its nightly validation panel.</summary>
public sealed class ReleasesPage(IPage page) : BlazorPage(page)
{
    public Task OpenReleasesAsync() => OpenAsync("/releases");

    public ILocator NightlyPanel => Page.GetByTestId("nightly-progress");
    public ILocator NightlyStatus => Page.GetByTestId("nightly-status");
    public ILocator NightlyCounts => Page.GetByTestId("nightly-counts");
    public ILocator StartNight => Page.GetByTestId("nightly-start");
    public ILocator Tonight => Page.GetByTestId("nightly-tonight");
    public ILocator NightRelease(string version) => Page.Locator($"[data-testid=nightly-release][data-release='{version}']");
}
