using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lens.Dashboard.Hosting;

public static class HostingSetup
{
    /// <summary>Longest a stop may take. Everything ends when stopping starts, so this only bounds a part that hangs.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    public static WebApplicationBuilder AddLensHosting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SelfAddress>();
        // The server's name and version tell an attacker what to try; nobody else needs them.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseLensSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
