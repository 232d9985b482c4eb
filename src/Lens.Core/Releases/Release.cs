using System.Text.Json;

namespace Lens.Core.Releases;

/// <summary>A version with its frozen configuration and that configuration's fingerprint.</summary>
public sealed class Release
{
    public const int MaxVersionLength = 100;

    private Release() { }

    public Guid Id { get; private set; }
    public string Version { get; private set; } = "";
    public string ConfigJson { get; private set; } = "{}";
    public string Fingerprint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public ReleaseStatus Status { get; private set; } = ReleaseStatus.Candidate;
    public IReadOnlyList<ReleaseDecision> Decisions { get; private set; } = [];
    public string? PromotedBy { get; private set; }
    public DateTimeOffset? PromotedAt { get; private set; }

    /// <summary>Each role's latest decision: a stakeholder may change their mind, and the newest word counts.</summary>
    public IReadOnlyDictionary<string, ReleaseDecision> CurrentDecisions =>
        Decisions.GroupBy(d => d.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>Records a stakeholder's approval or rejection. Only configured roles may decide, and only before GA.</summary>
    public ReleaseDecision Decide(string role, string actor, bool approved, string reason, SignOffPolicy policy, DateTimeOffset now)
    {
        var action = approved ? "approve" : "reject";
        var problems = new List<string>();
        if (Status == ReleaseStatus.GeneralAvailability) problems.Add($"{Version} is already generally available");
        if (!policy.Roles.Contains(role, StringComparer.Ordinal)) problems.Add($"'{role}' is not a sign-off role (roles: {string.Join(", ", policy.Roles)})");
        if (string.IsNullOrWhiteSpace(actor)) problems.Add("a decision needs the name of who decides");
        if (string.IsNullOrWhiteSpace(reason)) problems.Add("a decision needs a reason");
        if (problems.Count > 0) throw new ReleaseTransitionException(action, problems);

        var decision = new ReleaseDecision(role, actor.Trim(), approved, reason.Trim(), now);
        Decisions = [.. Decisions, decision];
        return decision;
    }

    /// <summary>Everything that stands between this release and GA; empty when it may be promoted.</summary>
    public IReadOnlyList<string> MissingForGeneralAvailability(int passingNights, SignOffPolicy policy)
    {
        var missing = new List<string>();
        if (Status == ReleaseStatus.GeneralAvailability) missing.Add($"{Version} is already generally available");
        if (passingNights < policy.RequiredNights)
            missing.Add($"{policy.RequiredNights} consecutive passing nights are needed, it has {passingNights}");
        var current = CurrentDecisions;
        foreach (var role in policy.Roles)
        {
            if (!current.TryGetValue(role, out var decision)) missing.Add($"no decision from {role} yet");
            else if (!decision.Approved) missing.Add($"{role} rejected it ({decision.Actor}: {decision.Reason})");
        }
        return missing;
    }

    public void PromoteToGeneralAvailability(string actor, int passingNights, SignOffPolicy policy, DateTimeOffset now)
    {
        var missing = MissingForGeneralAvailability(passingNights, policy).ToList();
        if (string.IsNullOrWhiteSpace(actor)) missing.Add("a promotion needs the name of who promotes");
        if (missing.Count > 0) throw new ReleaseTransitionException("promote to GA", missing);
        Status = ReleaseStatus.GeneralAvailability;
        PromotedBy = actor.Trim();
        PromotedAt = now;
    }

    /// <summary>
    /// Why a version cannot be used, or null. A version names the release in every URL (/releases/{version}), so it
    /// is letters, digits and . _ + - only: a '/' would make a release nobody can open.
    /// </summary>
    public static string? VersionProblem(string? version)
    {
        if (string.IsNullOrWhiteSpace(version)) return "A version is required, for example \"2.4.0\".";
        var trimmed = version.Trim();
        if (trimmed.Length > MaxVersionLength) return $"A version is at most {MaxVersionLength} characters.";
        if (!char.IsAsciiLetterOrDigit(trimmed[0]) || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-')))
            return "A version starts with a letter or digit and holds only letters, digits, '.', '_', '+' and '-'.";
        return null;
    }

    public static Release Create(string version, JsonElement configuration, DateTimeOffset now)
    {
        if (VersionProblem(version) is { } problem) throw new ArgumentException(problem, nameof(version));
        if (configuration.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("A release's configuration is a JSON object.", nameof(configuration));

        return new Release
        {
            Id = Guid.NewGuid(),
            Version = version.Trim(),
            ConfigJson = ConfigFingerprint.ToCanonicalJson(configuration),
            Fingerprint = ConfigFingerprint.Compute(configuration),
            CreatedAt = now,
        };
    }
}
