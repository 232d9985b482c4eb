namespace Lens.Dashboard.Features.Scheduling;

public static class SchedulingSetup
{
    public static WebApplicationBuilder AddLensScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<QuartzHostedService>();
        return builder;
    }
}
