namespace Lens.Core.Releases;

/// <summary>Whether tonight validates a candidate, and why (or why not), in words a page and the API show as they are.</summary>
public sealed record NightlyChoice(string Version, bool Included, string Why, bool Pinned, bool Retired);
