namespace Lens.Core.Releases;

/// <summary>One night's validation of a release: passed only if every slice passed its gates.</summary>
public readonly record struct NightlyResult(DateOnly Night, bool Passed);
