using System.ComponentModel.DataAnnotations;
using Lens.Core.Releases;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>Configuration section "SignOff": who must approve a release, and how many clean nights it needs first.</summary>
public sealed class SignOffOptions : IValidatableObject
{
    public const string Section = "SignOff";

    public List<string> Roles { get; set; } = [];

    [Range(1, 30, ErrorMessage = "SignOff:RequiredNights must be between 1 and 30.")]
    public int RequiredNights { get; set; } = NightlyStreak.DefaultRequired;

    /// <summary>The configured roles, or the defaults (engineering-lead, product, sre) when none are configured.</summary>
    public SignOffPolicy ToPolicy() => new(RequiredNights, Roles.Count > 0 ? Roles : SignOffPolicy.Default.Roles);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("SignOff:Roles must not contain an empty role.", [nameof(Roles)]);
        if (Roles.Distinct(StringComparer.Ordinal).Count() != Roles.Count)
            yield return new ValidationResult("SignOff:Roles names a role twice.", [nameof(Roles)]);
    }
}
