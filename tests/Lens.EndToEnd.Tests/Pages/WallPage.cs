using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class WallPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/wall");

    public ILocator StaleBanner => Page.GetByTestId("wall-stale");
    public ILocator Rollouts => Page.GetByTestId("wall-rollout");
    public ILocator KillSwitch => Page.GetByTestId("wall-killswitch");
    public ILocator Actions => Page.GetByTestId("wall-action");
}
