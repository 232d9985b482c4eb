using Lens.Core.Gates;

namespace Lens.Core.Alerts;

/// <summary>
/// A condition someone or something wants raised. <see cref="Key"/> names the condition: repeats with the
/// same key are counted on one alert instead of raising another. A <see cref="Routine"/> signal is an event
/// worth keeping in the history (an automatic advance) that asks nobody to act: it is recorded resolved.
/// </summary>
public sealed record AlertSignal(
    string Key,
    AlertSeverity Severity,
    AlertSource Source,
    string Title,
    string Detail,
    string? Release = null,
    Guid? RolloutId = null,
    int? Stage = null,
    IReadOnlyList<GateVerdict>? Gates = null,
    bool Routine = false);
