using Lens.Core.Gates;

namespace Lens.Core.Alerts;

/// <summary>
/// A condition someone or something wants raised. <see cref="Key"/> names the condition: repeats with the
/// same key are counted on one alert instead of raising another.
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
    IReadOnlyList<GateVerdict>? Gates = null);
