using Microsoft.Net.Http.Headers;

namespace Lens.Dashboard.Features.Ui;

/// <summary>
/// Serves the component library's material theme, prepared by <see cref="ThemeCss"/>, at <see cref="Href"/>.
/// It is read and prepared once, at start-up, so a missing package asset stops the app instead of leaving pages unstyled.
/// </summary>
public static class ThemeStylesheet
{
    private const string Source = "_content/Radzen.Blazor/css/material-base.css";
    private const string Route = "/theme/material-base.css";

    // The package version busts browser caches when the library is upgraded; the file itself is cached for good.
    public static string Href { get; } = $"{Route.TrimStart('/')}?v={typeof(Radzen.Blazor.RadzenButton).Assembly.GetName().Version}";

    public static WebApplication MapThemeStylesheet(this WebApplication app)
    {
        var file = app.Environment.WebRootFileProvider.GetFileInfo(Source);
        if (!file.Exists)
            throw new InvalidOperationException($"The theme stylesheet {Source} was not found among the static web assets; rebuild the dashboard so the Radzen.Blazor package's assets are in place.");
        string original;
        using (var reader = new StreamReader(file.CreateReadStream())) original = reader.ReadToEnd();
        var prepared = ThemeCss.RebaseUrls(ThemeCss.WithoutDocumentHasRules(original), Source);

        app.MapGet(Route, (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            return TypedResults.Text(prepared, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
