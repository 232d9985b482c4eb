using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class RolloutPage(IPage page) : BlazorPage(page)
{
    public Task OpenRolloutAsync(string id) => OpenAsync($"/rollouts/{id}");

    public ILocator Title => Page.GetByTestId("rollout-title");
    public ILocator State => Page.GetByTestId("rollout-title").GetByTestId("rollout-state");
    public ILocator Stage => Page.GetByTestId("rollout-stage");
    public ILocator CurrentStage => Page.Locator("[data-testid^='stage-'][data-current='true']");
    public ILocator WhyPanel => Page.GetByTestId("why-panel");
    public ILocator GateTiles => Page.GetByTestId("gate-tile");
    public ILocator Timeline => Page.GetByTestId("timeline-entry");
    public ILocator Action(string name) => Page.GetByTestId($"action-{name}");
    public ILocator ActionWrapper(string name) => Page.GetByTestId($"action-wrap-{name}");
    public ILocator Controls => Page.GetByTestId("controls");
    public ILocator WaitingFor => Page.GetByTestId("waiting-for");

    /// <summary>Where an element's top edge is on the page, in CSS pixels.</summary>
    public Task<double> TopOfAsync(ILocator element) => element.EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");

    /// <summary>How long a button eases its colour when its state changes (MudBlazor's default is 250 ms).</summary>
    public Task<string> TransitionOfAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration");

    /// <summary>Presses an action button and confirms it with a name and a reason.</summary>
    public async Task ActAsync(string action, string actor, string reason)
    {
        await Action(action).ClickAsync();
        await ConfirmAsync(actor, reason);
    }

    public async Task InjectFaultsAsync(double errorPercent)
    {
        var input = Page.GetByTestId("fault-error-rate");
        await input.FillAsync(errorPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
        await Page.GetByTestId("fault-inject").ClickAsync();
    }
}
