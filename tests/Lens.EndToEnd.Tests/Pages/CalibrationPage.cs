using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>/calibration: today's reliability curves and figures, live.</summary>
public sealed class CalibrationPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/calibration");

    public ILocator Flag(string flag) => Page.Locator($"[data-testid=calibration-flag][data-flag='{flag}']");
    public ILocator Points(string flag) => Flag(flag).GetByTestId("reliability-point");
    public ILocator Impressions(string flag, string variant) => Flag(flag).Locator($"[data-testid=calibration-impressions][data-variant='{variant}']");
    public ILocator Empty => Page.GetByTestId("calibration-empty");
    public ILocator Fallback(string flag) => Flag(flag).GetByTestId("calibration-fallback");
    public ILocator Published(string flag) => Flag(flag).GetByTestId("calibration-published");
    public ILocator History(string flag) => Flag(flag).GetByTestId("calibration-history-row");
}
