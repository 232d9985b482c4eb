namespace Lens.Core.Alerts;

/// <summary>What raised an alert: every automatic action has its own source, so the history can be filtered by it.</summary>
public enum AlertSource
{
    Rollout,
    KillSwitch,
    Detector,
    Probe,
    StuckStage,
    Webhook,
    Manual,
    Calibration,
}
