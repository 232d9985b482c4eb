namespace Lens.Dashboard.Features.Deploy;

public sealed record DeployAbortRequest(Guid? Id, string? Reason);
