using Microsoft.Playwright;

namespace Lens.EndToEnd.Tests.Pages;

/// <summary>The sign-in form: a plain page, no live connection.</summary>
public sealed class SignInPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator UserName => Page.Locator("#userName");
    public ILocator Password => Page.Locator("#password");
    public ILocator Message => Page.GetByTestId("signin-message");
    public ILocator DisplayToken => Page.Locator("#displayToken");

    /// <summary>Types the credentials and presses Enter in the password field, as a person does.</summary>
    public async Task SignInWithEnterAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await Password.PressAsync("Enter");
    }

    public async Task OpenWallAsync(string displaySecret)
    {
        await Page.Locator("details.lens-signin-display summary").ClickAsync();
        await DisplayToken.FillAsync(displaySecret);
        await Page.GetByTestId("display-submit").ClickAsync();
    }
}
