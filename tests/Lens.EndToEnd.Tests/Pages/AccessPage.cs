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
        // The choice reaches the server over the circuit; creating before it lands would make a token of the default role.
        await Assertions.Expect(Page.Locator(".mud-select", new() { Has = Page.GetByTestId("token-role") }).Or(Page.GetByTestId("token-role")).First).ToContainTextAsync(role);
        await Page.GetByTestId("token-create").ClickAsync();
        await Assertions.Expect(Secret).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator($"[data-testid=token-row][data-name='{name}'][data-role='{role}']")).ToHaveCountAsync(1);
        return (await Secret.TextContentAsync())!.Trim();
    }

    public async Task RevokeAsync(string name, string actor)
    {
        await TokenRow(name).GetByTestId("token-revoke").ClickAsync();
        await ConfirmAsync(actor, "wall moved to another room");
        await Assertions.Expect(TokenRow(name)).ToHaveCountAsync(0);
    }
}
