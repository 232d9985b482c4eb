using System.Security.Claims;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Http;
using Lens.Core.Bench;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>Stakeholder decisions and the promotion to GA, for the API and the pages alike.</summary>
public sealed class SignOffService(
    IDbContextFactory<LensDbContext> dbFactory,
    NightlyValidation nightly,
    IOptions<SignOffOptions> options,
    TimeProvider clock,
    LensEvents events,
    RolloutComparisons comparisons,
    DeploymentService deployments)
{
    public SignOffPolicy Policy => options.Value.ToPolicy();

    public async Task<SignOffState> StateAsync(string version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await FindAsync(db, version, ct);
        return await StateOfAsync(db, release, ct);
    }

    /// <summary>A decision for one sign-off role, by someone who holds that role (a manager or admin with the claim).</summary>
    public async Task<SignOffState> DecideAsync(string version, string role, ClaimsPrincipal decider, bool approved, string reason, CancellationToken ct)
    {
        if (!decider.Holds(LensPolicies.Manager) || !decider.SignOffRoles().Contains(role, StringComparer.Ordinal))
            throw new LensRequestException("role",
                $"{decider.Actor()} does not hold the sign-off role '{role}'{(decider.SignOffRoles() is { Count: > 0 } held ? $" (holds: {string.Join(", ", held)})" : "")}; only someone who does may decide for it.",
                StatusCodes.Status403Forbidden);
        var actor = decider.Actor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await FindAsync(db, version, ct);
        var decision = release.Decide(role, actor, approved, reason, Policy, clock.GetUtcNow());
        db.AuditEntries.Add(AuditEntry.ForSubject("release:" + release.Version, approved ? "Approve" : "Reject", decision.Actor, $"{role}: {decision.Reason}", decision.At));
        await db.SaveChangesAsync(ct);
        Announce(version);
        return await StateOfAsync(db, release, ct);
    }

    public async Task<SignOffState> PromoteAsync(string version, string actor, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await FindAsync(db, version, ct);
        var nights = await nightly.NightsAsync(version, ct);
        var streak = NightlyValidation.PassingStreak(nights);
        release.PromoteToGeneralAvailability(actor, streak, Policy, clock.GetUtcNow());
        db.AuditEntries.Add(AuditEntry.ForSubject("release:" + release.Version, "PromoteToGA", release.PromotedBy!, $"{streak} passing nights; approved by {string.Join(", ", Policy.Roles)}{(string.IsNullOrWhiteSpace(reason) ? "" : "; " + reason.Trim())}", release.PromotedAt!.Value));
        await db.SaveChangesAsync(ct);
        Announce(version);
        return await StateOfAsync(db, release, ct, nights);
    }

    private async Task<SignOffState> StateOfAsync(LensDbContext db, Release release, CancellationToken ct, IReadOnlyList<NightSummary>? nights = null)
    {
        var policy = Policy;
        nights ??= await nightly.NightsAsync(release.Version, ct);
        var streak = NightlyValidation.PassingStreak(nights);
        var missing = release.Status == ReleaseStatus.GeneralAvailability ? [] : release.MissingForGeneralAvailability(streak, policy);
        var final = await db.BenchRuns.AsNoTracking()
            .Where(r => r.Release == release.Version && r.Night == null && r.Status == BenchRunStatus.Completed)
            .OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);
        var verdict = release.Status == ReleaseStatus.GeneralAvailability ? SignOffState.Promoted
            : missing.Count == 0 ? SignOffState.Ready
            : release.CurrentDecisions.Values.Any(d => !d.Approved) ? SignOffState.Blocked
            : SignOffState.Waiting;
        var live = await db.Rollouts.AsNoTracking()
            .Where(r => r.ReleaseVersion == release.Version && (r.State == Lens.Core.Rollouts.RolloutState.Running || r.State == Lens.Core.Rollouts.RolloutState.Paused))
            .OrderByDescending(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        return new SignOffState(release.Version, release.Fingerprint, release.Status.Name(), verdict,
            streak, policy.RequiredNights, policy.Roles, release.Decisions, missing, nights,
            final is null ? null : BenchRunView.From(final), release.PromotedBy, release.PromotedAt)
        {
            FinalResultsJson = final?.ResultsJson,
            Comparison = live is { } id ? await comparisons.ForAsync(id, ct) : null,
            Deployment = await SignOffDeployment.LatestAsync(db, release.Version, deployments, ct),
        };
    }

    private static async Task<Release> FindAsync(LensDbContext db, string version, CancellationToken ct) =>
        await db.Releases.FirstOrDefaultAsync(r => r.Version == version, ct)
        ?? throw new LensRequestException("version", $"There is no release '{version}'.", StatusCodes.Status404NotFound);

    private void Announce(string version) => events.Publish(new LensEvent(LensEvent.ReleaseChanged, clock.GetUtcNow(), Detail: version));
}
