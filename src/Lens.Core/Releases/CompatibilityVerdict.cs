namespace Lens.Core.Releases;

/// <summary>Whether a client API version and an index version work together, and why.</summary>
public sealed record CompatibilityVerdict(bool Compatible, string Reason);
