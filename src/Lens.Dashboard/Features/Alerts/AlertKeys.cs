namespace Lens.Dashboard.Features.Alerts;

/// <summary>The grouping keys of automatic alerts, in one place so the raiser and the resolver agree.</summary>
public static class AlertKeys
{
    public static string Detector(string name) => $"detector:{name}";
    public static string KillSwitch(string name) => $"killswitch:{name}";
    public static string Probe(string name) => $"probe:{name}";
    public static string Rollback(Guid rollout) => $"rollout:{rollout}:rollback";
    public static string StepBack(Guid rollout, int stage) => $"rollout:{rollout}:stepback:{stage}";
    public static string Advance(Guid rollout, int stage) => $"rollout:{rollout}:advance:{stage}";
    public static string StuckStage(Guid rollout, int stage) => $"rollout:{rollout}:stuck:{stage}";
    public static string InconclusivePause(Guid rollout, int stage) => $"rollout:{rollout}:inconclusive:{stage}";
    public static string SampleRatio(Guid rollout) => $"rollout:{rollout}:srm";
    public static string FeatureDrift(string flag) => $"calibration:{flag}:drift";
}
