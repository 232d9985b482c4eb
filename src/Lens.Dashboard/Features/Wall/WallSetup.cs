namespace Lens.Dashboard.Features.Wall;

public static class WallSetup
{
    public static WebApplicationBuilder AddLensWall(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WallSnapshots>();
        builder.Services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
