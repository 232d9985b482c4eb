using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Demo;

/// <summary>Configuration section "Demo": the embedded sample search service, its traffic, and its rollouts.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    [Range(1, 5000, ErrorMessage = "Demo:RequestsPerSecond must be between 1 and 5000.")]
    public int RequestsPerSecond { get; set; } = 100;

    [Required(ErrorMessage = "Demo:Flag is required."), RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Demo:Flag must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string Flag { get; set; } = "demo-search";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Demo:StageDuration must be between 00:00:01 and 01:00:00.")]
    public TimeSpan StageDuration { get; set; } = TimeSpan.FromSeconds(20);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Demo:PauseBetweenRollouts must be between 00:00:00 and 01:00:00.")]
    public TimeSpan PauseBetweenRollouts { get; set; } = TimeSpan.FromSeconds(15);
}
