using System.Text.Json.Serialization;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Features.Scheduling;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Rollouts;

public static class RolloutsSetup
{
    public static WebApplicationBuilder AddLensRollouts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveMetrics>();
        builder.Services.AddSingleton<LensEvents>();
        builder.Services.AddSingleton<RolloutDetails>();
        builder.Services.AddSingleton<RolloutPagePanels>();
        builder.Services.AddSingleton<SampleRatioAlerts>();
        builder.Services.AddSingleton<RolloutComparisons>();
        builder.Services.AddOptions<JudgeOptions>().BindConfiguration(JudgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CanaryJudgementOptions>().BindConfiguration(CanaryJudgementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(ConfirmWebhooks.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<CanaryJudgementOptions>>().Value.ConfirmTimeout);
        builder.Services.AddSingleton<ConfirmWebhooks>();
        builder.Services.AddSingleton<RolloutEngine>();
        builder.Services.ScheduleEvery<RolloutEvaluationJob>(sp => sp.GetRequiredService<IOptions<AnalysisOptions>>().Value.Interval);
        builder.Services.ScheduleEvery<DriftRollbackJob>(sp => sp.GetRequiredService<IOptions<AnalysisOptions>>().Value.Interval);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Answers only (request bodies are read with LensJson, which refuses these): a value stored before inputs
            // were bounded must come out as "Infinity", never as a 500 on every request.
            o.SerializerOptions.NumberHandling |= System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHostedService<HubRelay>();
        builder.Services.AddHostedService<Heartbeat>();
        return builder;
    }
}
