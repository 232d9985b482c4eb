namespace Lens.Core.Statistics;

/// <summary>A two-sided interval at the stated confidence, for example 0.95.</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Confidence);
