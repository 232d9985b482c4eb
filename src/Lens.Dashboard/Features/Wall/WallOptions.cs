using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Wall;

/// <summary>Configuration section "Wall": the on-call wall screen.</summary>
public sealed class WallOptions
{
    public const string Section = "Wall";

    /// <summary>The wall shows a stale banner when its newest data is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Wall:StaleAfter must be between 00:00:05 and 01:00:00.")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);
}
