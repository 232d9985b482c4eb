using System.ComponentModel.DataAnnotations;
using Lens.Core.Alerts;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>One receiver under "Webhooks:Endpoints:{name}".</summary>
public sealed class WebhookEndpointOptions
{
    [Required, Url]
    public string Url { get; set; } = "";

    /// <summary>The shared secret the HMAC-SHA256 signature is made with.</summary>
    [Required, MinLength(16)]
    public string Secret { get; set; } = "";

    /// <summary>Alerts below this severity are not sent to this endpoint.</summary>
    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Info;
}
