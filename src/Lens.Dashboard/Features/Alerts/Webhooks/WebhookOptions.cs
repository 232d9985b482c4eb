using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>Configuration section "Webhooks": where alert events go, and how hard delivery tries.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    public Dictionary<string, WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>The dashboard's address as people reach it; payload links point here.</summary>
    [Required, Url]
    public string DashboardUrl { get; set; } = "http://localhost:5080";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Webhooks:PollInterval must be between 00:00:00.050 and 00:10:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Webhooks:InitialBackoff must be between 00:00:00.100 and 01:00:00.")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Webhooks:MaxBackoff must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event still undelivered this long after it was raised is given up on, with a WARN alert.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Webhooks:GiveUpAfter must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Webhooks:Timeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, endpoint) in Endpoints)
        {
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                yield return new ValidationResult($"Webhooks:Endpoints:{name}:Url must be an absolute http or https URL.", [$"Endpoints:{name}:Url"]);
            if (string.IsNullOrEmpty(endpoint.Secret) || endpoint.Secret.Length < 16)
                yield return new ValidationResult($"Webhooks:Endpoints:{name}:Secret must be at least 16 characters.", [$"Endpoints:{name}:Secret"]);
        }
    }
}
