namespace Lens.Core.Calibration;

/// <summary>The one way a τ proposal refuses a step: it was already decided, or the day is out of order.</summary>
public sealed class TauProposalException(string message) : InvalidOperationException(message);
