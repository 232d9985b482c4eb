namespace Lens.Core.Releases;

/// <summary>The one way a refused release change fails: what was asked, and every reason it cannot happen yet.</summary>
public sealed class ReleaseTransitionException(string action, IReadOnlyList<string> reasons)
    : InvalidOperationException($"Cannot {action}: {string.Join("; ", reasons)}.")
{
    public string Action { get; } = action;
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
