using Lens.Dashboard.Hosting;
using Quartz;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>Fires on Calibration:Schedule (UTC; default 03:00) and freezes every closed day not frozen yet.</summary>
public sealed class DailyCalibrationJob(DailyCalibration calibration, IHostApplicationLifetime lifetime, ILogger<DailyCalibrationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = lifetime.UntilStopping(cancellationToken);
        var results = await calibration.RunAsync(stopping.Token);
        foreach (var r in results)
            logger.LogInformation("Calibration of {Flag} for {Day}: proposed τ {Tau}, drift {Drift}. {Decisions}", r.Flag, r.Day, r.ProposedTau, r.Drift, string.Join(" ", r.Decisions));
    }
}
