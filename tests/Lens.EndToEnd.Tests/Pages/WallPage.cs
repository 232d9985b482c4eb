using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class WallPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/wall");

    public ILocator StaleBanner => Page.GetByTestId("wall-stale");
    public ILocator Rollouts => Page.GetByTestId("wall-rollout");
    public ILocator KillSwitch => Page.GetByTestId("wall-killswitch");
    public ILocator Actions => Page.GetByTestId("wall-action");
    public ILocator Alerts => Page.GetByTestId("wall-alert");
    public ILocator Sentinel => Page.GetByTestId("wall-sentinel");
    public ILocator Drift => Page.GetByTestId("wall-drift");
    public ILocator Calibration => Page.GetByTestId("wall-calibration");
    public ILocator Pipelines => Page.GetByTestId("wall-pipeline");
    public Task<string> PageBackgroundAsync() => Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
    public ILocator Alert(string title) => Alerts.Filter(new() { HasText = title });
}
