namespace Lens.Core.Deployment;

/// <summary>One thing wrong with a deployment config: the key as written ("canary_config.stage_duration_hours") and why.</summary>
public sealed record ConfigError(string Key, string Message);
