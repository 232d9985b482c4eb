namespace Lens.Core.Releases;

/// <summary>What general availability needs: this many consecutive passing nights and an approval from every role.</summary>
public sealed record SignOffPolicy(int RequiredNights, IReadOnlyList<string> Roles)
{
    public static SignOffPolicy Default { get; } = new(NightlyStreak.DefaultRequired, ["engineering-lead", "product", "sre"]);
}
