using Lens.Dashboard.Ui;
using MudBlazor;
using MudBlazor.Services;

namespace Lens.Dashboard.Shell;

public static class ShellSetup
{
    public static WebApplicationBuilder AddLensShell(this WebApplicationBuilder builder)
    {
        // Serve wwwroot and package assets from build output in every environment, not only Development: the README
        // and the end-to-end tests run the built binary in Production. A published app has no runtime manifest, so
        // this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
            o.SnackbarConfiguration.ShowCloseIcon = true;
        });
        return builder;
    }

    public static WebApplication UseLensShell(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    public static WebApplication MapLensPages(this WebApplication app)
    {
        // Render batches are small and dashboards sit on the operators' network: deflating each one cost CPU on the
        // server and in every browser for nothing (2.5% of the server's CPU with fifty pages open).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }
}
