namespace Lens.Dashboard.Features.Bench;

/// <summary>The answer to "start tonight's validation": which night, whether this call started it, and how many benches it queued.</summary>
public sealed record NightStart(DateOnly Night, bool Started, int Queued);
