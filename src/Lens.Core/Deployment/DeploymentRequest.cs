namespace Lens.Core.Deployment;

/// <summary>
/// What a start asks for: the version, the config, and the command line's switches (which mean the same as their
/// config keys: --accelerated is canary_config.accelerated_rollout, --skip-bench is skip_final_bench).
/// </summary>
public sealed record DeploymentRequest(string Version, string Flag, DeploymentConfig Config, bool Accelerated = false, bool SkipBench = false,
    bool SkipCanary = false, string? ForceReason = null)
{
    public bool IsAccelerated => Accelerated || Config.Canary.AcceleratedRollout;
    public bool SkipsBench => SkipBench || Config.SkipFinalBench;
    public bool Forced => ForceReason is not null;
    public double Factor => IsAccelerated ? Config.Canary.AccelerationFactor : 1;
}
