using Lens.Core.Alerts;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>What a bulk acknowledge did: the alerts it acknowledged, and those it left because they were no longer Raised.</summary>
public sealed record BulkAcknowledgement(IReadOnlyList<Guid> Acknowledged, IReadOnlyList<BulkAcknowledgement.Skip> Skipped)
{
    public sealed record Skip(Guid Id, AlertState State);
}
