using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>/rollouts/{id}/compare: baseline against candidate, metric by metric, with the verdict in a sentence on top.</summary>
public sealed class ComparePage(IPage page) : BlazorPage(page)
{
    public Task OpenComparisonAsync(string rolloutId) => OpenAsync($"/rollouts/{rolloutId}/compare");

    public ILocator Verdict => Page.GetByTestId("compare-verdict");
    public ILocator Row(string metric) => Page.Locator($"[data-testid=compare-row][data-metric='{metric}']");
    public ILocator Difference(string metric) => Row(metric).GetByTestId("compare-difference");
}
