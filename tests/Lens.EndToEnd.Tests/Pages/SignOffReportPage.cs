using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class SignOffReportPage(IPage page) : BlazorPage(page)
{
    public Task OpenReportAsync(string version) => OpenAsync($"/releases/{Uri.EscapeDataString(version)}/report");

    public ILocator Report => Page.GetByTestId("signoff-report");
    public ILocator Verdict => Page.GetByTestId("report-verdict");
    public ILocator VerdictWord => Page.GetByTestId("report-verdict-word");
    public ILocator Gates => Report.GetByTestId("gate-row");
    public ILocator Approvers => Page.GetByTestId("report-approver");
    public ILocator Fingerprint => Page.GetByTestId("report-fingerprint");
    public ILocator PrintButton => Page.GetByTestId("report-print");
    public ILocator Navigation => Page.Locator(".mud-appbar");

    /// <summary>The vertical position of each section's top, in document order as a reader meets them.</summary>
    public async Task<float> TopOfAsync(ILocator locator) => (await locator.BoundingBoxAsync())!.Y;
}
