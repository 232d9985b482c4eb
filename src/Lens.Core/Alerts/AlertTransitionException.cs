namespace Lens.Core.Alerts;

/// <summary>The one way an illegal alert transition fails, whichever step was attempted.</summary>
public sealed class AlertTransitionException(string message) : InvalidOperationException(message);
