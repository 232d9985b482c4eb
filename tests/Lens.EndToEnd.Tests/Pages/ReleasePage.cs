using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

public sealed class ReleasePage(IPage page) : BlazorPage(page)
{
    public Task OpenReleaseAsync(string version) => OpenAsync($"/releases/{Uri.EscapeDataString(version)}");

    public ILocator Version => Page.GetByTestId("release-version");
    public ILocator Status => Page.GetByTestId("release-status");
    public ILocator Fingerprint => Page.GetByTestId("release-fingerprint");
    public ILocator FingerprintDownload => Page.GetByTestId("fingerprint-download");
    public ILocator Config => Page.GetByTestId("release-config");
    public ILocator StartBench => Page.GetByTestId("bench-start");
    public ILocator BenchVerdict => Page.GetByTestId("bench-verdict");
    public ILocator GateRows => Page.GetByTestId("bench-panel").GetByTestId("gate-row");
    public ILocator BenchFile(string file) => Page.Locator($"[data-testid=bench-file][data-file='{file}']").First;
    public ILocator NightTiles => Page.GetByTestId("night-tile");
    public ILocator Streak => Page.GetByTestId("nightly-streak");
    public ILocator SignOffVerdict => Page.GetByTestId("signoff-verdict");
    public ILocator Missing => Page.GetByTestId("signoff-missing");
    public ILocator Promote => Page.GetByTestId("signoff-promote");
    public ILocator Promoted => Page.GetByTestId("signoff-promoted");
    public ILocator Decision(string role) => Role(role).GetByTestId("signoff-decision");
    public ILocator Pin => Page.GetByTestId("nightly-pin");
    public ILocator Retire => Page.GetByTestId("nightly-retire");
    public ILocator Unpin => Page.GetByTestId("nightly-unpin");
    public ILocator Pinned => Page.GetByTestId("nightly-choice");
    public ILocator PinnedChip => Page.GetByTestId("release-pinned");

    public async Task DecideAsync(string role, bool approve, string actor, string reason)
    {
        await Role(role).GetByTestId(approve ? "signoff-approve" : "signoff-reject").ClickAsync();
        await ConfirmAsync(actor, reason);
    }

    /// <summary>Clicks a download link and returns the file name the browser would save it as, and its text.</summary>
    public async Task<(string Name, string Text)> DownloadAsync(ILocator link)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path!));
    }

    public ILocator Role(string role) => Page.Locator($"[data-testid=signoff-role][data-role='{role}']");
}
