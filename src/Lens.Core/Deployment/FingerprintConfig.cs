namespace Lens.Core.Deployment;

/// <summary>What the release's fingerprint covers beside its config: a release is reused only when all of it matches.</summary>
public sealed record FingerprintConfig
{
    public string? GitCommit { get; init; }
    public string? LtrModelHash { get; init; }
    public string? FeatureSchema { get; init; }
    public string? Build { get; init; }
}
