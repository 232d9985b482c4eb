using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>The pipeline list with its start form (/deploy) and one pipeline's page (/deploy/{id}).</summary>
public sealed class DeployPage(IPage page) : BlazorPage(page)
{
    public Task OpenListAsync() => OpenAsync("/deploy");

    public async Task StartAsync(string version, bool skipBench)
    {
        await Page.GetByTestId("deploy-version").FillAsync(version);
        // MudCheckBox puts the test id on its input or around it, depending on the version: either is the box.
        if (skipBench) await Page.Locator("input[data-testid='deploy-skip-bench'], [data-testid='deploy-skip-bench'] input").First.CheckAsync();
        await Page.GetByTestId("deploy-start").ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/deploy/[0-9a-f-]{36}$"));
        await WaitConnectedAsync();
    }

    public ILocator Phase(string name) => Page.Locator($"[data-testid='deploy-phase'][data-phase='{name}']");
    public ILocator State => Page.GetByTestId("deploy-state").First;
    public ILocator Waiting => Page.GetByTestId("deploy-waiting");
    public ILocator Cause => Page.GetByTestId("deploy-cause");

    public async Task AbortAsync(string reason)
    {
        await Page.GetByTestId("deploy-abort-reason").FillAsync(reason);
        await Page.GetByTestId("deploy-abort").ClickAsync();
        await Page.GetByTestId("deploy-abort-yes").ClickAsync();
    }
}
