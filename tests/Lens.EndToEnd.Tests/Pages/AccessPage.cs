using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>/admin/access: tokens and people, for admins.</summary>
public sealed class AccessPage(IPage page) : BlazorPage(page)
{
    public Task OpenAsync() => OpenAsync("/admin/access");

    public ILocator Secret => Page.GetByTestId("token-secret");
    public ILocator TokenRow(string name) => Page.Locator($"[data-testid=token-row][data-name='{name}']");

    /// <summary>Creates a token and returns its secret, read off the page: the one time it is shown.</summary>
    public async Task<string> CreateTokenAsync(string name, string role)
    {
        await Page.GetByTestId("token-name").FillAsync(name);
        await Page.GetByTestId("token-role").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = role }).First.ClickAsync();
        await Page.GetByTestId("token-create").ClickAsync();
        await Assertions.Expect(Secret).ToBeVisibleAsync();
        return (await Secret.TextContentAsync())!.Trim();
    }

    public async Task RevokeAsync(string name, string actor)
    {
        await TokenRow(name).GetByTestId("token-revoke").ClickAsync();
        await ConfirmAsync(actor, "wall moved to another room");
        await Assertions.Expect(TokenRow(name)).ToHaveCountAsync(0);
    }
}
