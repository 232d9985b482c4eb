namespace Lens.Dashboard.Features.Calibration;

/// <summary>
/// The scheduler keeps no memory of a fire missed while the app was down; at start-up any closed day not frozen yet is
/// frozen at once (in the background, so start-up does not wait on it).
/// </summary>
public sealed class CalibrationCatchUp(DailyCalibration calibration, ILogger<CalibrationCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var results = await calibration.RunAsync(stoppingToken);
            if (results.Count > 0) logger.LogInformation("Calibration caught up on {Days} closed day(s) missed while down.", results.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Calibration catch-up failed; the next scheduled run tries again.");
        }
    }
}
