using Microsoft.AspNetCore.SignalR;

namespace Lens.Dashboard.Features.Live;

/// <summary>Outside clients listen here for "lensEvent" messages; they do not call the hub.</summary>
public sealed class RolloutsHub : Hub;
