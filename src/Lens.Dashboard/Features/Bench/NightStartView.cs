namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// POST /api/nightly/run's answer: the night (its id), whether this call started it (false: a night was already
/// running, or tonight had nothing left to validate), how many benches it queued, and the night's progress so far.
/// </summary>
public sealed record NightStartView(string Night, bool Started, int Queued, string ProgressUrl, NightProgress? Progress);
