using Lens.Dashboard.Components;
using Radzen;

namespace Lens.Dashboard.Features.Ui;

public static class UiSetup
{
    public static WebApplicationBuilder AddLensUi(this WebApplicationBuilder builder)
    {
        // Serve wwwroot and package assets from build output in every environment, not only Development:
        // the README and the end-to-end tests run the built binary in Production. A published app has no
        // runtime manifest, so this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddScoped<Lens.Dashboard.Components.Shared.OperatorIdentity>();
        builder.Services.AddSingleton<WallSnapshots>();
        builder.Services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication UseLensUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapThemeStylesheet();
        return app;
    }

    public static WebApplication MapLensPages(this WebApplication app)
    {
        // Render batches are small and dashboards sit on the operators' network: deflating each one cost CPU on the
        // server and in every browser (2.5% of the server's CPU in a profile with fifty pages open) for nothing.
        // It also removes the reason for the framework's compression-related frame-ancestors policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.DisableWebSocketCompression = true);
        return app;
    }
}
