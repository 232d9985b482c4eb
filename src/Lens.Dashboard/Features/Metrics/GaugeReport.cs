namespace Lens.Dashboard.Features.Metrics;

/// <summary>One gauge value a service reported in an ingest batch, for one variant.</summary>
public readonly record struct GaugeReport(byte Variant, string Name, double Value);
