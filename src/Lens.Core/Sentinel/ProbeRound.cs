namespace Lens.Core.Sentinel;

/// <summary>All probes sent together once. A round passes only when every probe in it passed.</summary>
public sealed record ProbeRound(DateTimeOffset At, bool Passed);
