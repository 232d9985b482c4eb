namespace Lens.Dashboard.Features.Compat;

/// <summary>The compat check's answer, with both versions as they were understood.</summary>
public sealed record CompatibilityAnswer(bool Compatible, string Reason, string ApiVersion, string IndexVersion);
