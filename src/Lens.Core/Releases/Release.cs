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

    /// <summary>A lead's choice to validate this candidate every night, whatever its age; null when not pinned.</summary>
    public ReleaseMark? Pinned { get; private set; }

    /// <summary>A lead's word that this candidate is done with (rolled back, superseded): never validated nightly again.</summary>
    public ReleaseMark? Retired { get; private set; }

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

    /// <summary>Pins the candidate for nightly validation, so it is benched every night even when newer candidates crowd it out.</summary>
    public void PinForNightly(string actor, string reason, DateTimeOffset now)
    {
        var problems = MarkProblems(actor, reason);
        if (Pinned is not null) problems.Add($"{Version} is already pinned (by {Pinned.By})");
        if (problems.Count > 0) throw new ReleaseTransitionException("pin", problems);
        Pinned = new ReleaseMark(actor.Trim(), reason.Trim(), now);
    }

    /// <summary>Takes the pin off: the candidate goes back to the rule (the newest candidates) for nightly validation.</summary>
    public void UnpinForNightly(string actor, string reason, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (Pinned is null) problems.Add($"{Version} is not pinned");
        if (string.IsNullOrWhiteSpace(actor)) problems.Add("it needs the name of who does it");
        if (string.IsNullOrWhiteSpace(reason)) problems.Add("it needs a reason");
        if (problems.Count > 0) throw new ReleaseTransitionException("unpin", problems);
        Pinned = null;
    }

    /// <summary>Retires the candidate: it leaves nightly validation for good, and a pin it had goes with it.</summary>
    public void Retire(string actor, string reason, DateTimeOffset now)
    {
        var problems = MarkProblems(actor, reason);
        if (problems.Count > 0) throw new ReleaseTransitionException("retire", problems);
        Pinned = null;
        Retired = new ReleaseMark(actor.Trim(), reason.Trim(), now);
    }

    // Pinning and retiring share their refusals: only a live candidate can be chosen or dropped, and always by someone, for a reason.
    private List<string> MarkProblems(string actor, string reason)
    {
        var problems = new List<string>();
        if (Status == ReleaseStatus.GeneralAvailability) problems.Add($"{Version} is already generally available");
        if (Retired is not null) problems.Add($"{Version} was retired by {Retired.By} ({Retired.Reason})");
        if (string.IsNullOrWhiteSpace(actor)) problems.Add("it needs the name of who does it");
        if (string.IsNullOrWhiteSpace(reason)) problems.Add("it needs a reason");
        return problems;
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
