namespace Lens.Dashboard.Features.Metrics;

/// <summary>One event that was not counted, by its index in the request, and why.</summary>
public sealed record IngestRejection(int Index, string Error);
