namespace Lens.Dashboard.Features.Overview;

public static class OverviewSetup
{
    public static WebApplicationBuilder AddLensOverview(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OverviewReadModel>();
        return builder;
    }
}
