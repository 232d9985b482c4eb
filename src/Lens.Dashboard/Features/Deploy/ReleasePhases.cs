using System.Text.Json;
using Lens.Core.Deployment;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>The phases before any traffic moves: tag + freeze of the release, then its final bench.</summary>
public sealed class ReleasePhases(FinalBenchLauncher bench)
{
    internal static async Task TagFreezeAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var f = p.Request.Config.Fingerprint;
        // Only the fields the config gives take part: a release registered another way (the releases API, the demo)
        // is reused as it is when the config names none, and the flag is no part of a version's identity.
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.GitCommit is { } commit) given["git_commit"] = commit;
        if (f.LtrModelHash is { } model) given["ltr_model_hash"] = model;
        if (f.FeatureSchema is { } schema) given["feature_schema"] = schema;
        if (f.Build is { } build) given["build"] = build;
        var existing = await db.Releases.FirstOrDefaultAsync(r => r.Version == p.Version, ct);
        if (existing is null)
        {
            var release = Release.Create(p.Version, JsonSerializer.SerializeToElement(given), step.Now);
            db.Releases.Add(release);
            step.Pass("release_fingerprint", null, "new release", $"Created release {p.Version} with fingerprint {release.Fingerprint[..12]}.");
            p.CompletePhase(step.Phase, step.Now, $"created {p.Version} ({release.Fingerprint[..12]})");
            return;
        }
        if (given.Count == 0)
        {
            step.Pass("release_fingerprint", null, "no fingerprint in the config", $"Reused release {p.Version} as it is: the config gives no fingerprint to compare.");
            p.CompletePhase(step.Phase, step.Now, $"reused {p.Version} ({existing.Fingerprint[..12]})");
            return;
        }
        using var stored = JsonDocument.Parse(existing.ConfigJson);
        var differing = given
            .Select(g => (Key: g.Key, Given: g.Value, Has: stored.RootElement.ValueKind == JsonValueKind.Object && stored.RootElement.TryGetProperty(g.Key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null))
            .Where(d => d.Has != d.Given)
            .Select(d => $"fingerprint.{d.Key} is '{d.Given}' but release {p.Version} has {(d.Has is null ? "none" : $"'{d.Has}'")}")
            .ToList();
        if (differing.Count == 0)
        {
            step.Pass("release_fingerprint", null, "same fingerprint", $"Reused release {p.Version}: {string.Join(", ", given.Keys)} match.");
            p.CompletePhase(step.Phase, step.Now, $"reused {p.Version} ({existing.Fingerprint[..12]})");
        }
        else step.Gate("release_fingerprint", false, null, "the config's fingerprint fields match the release",
            $"{string.Join("; ", differing)}: a version is frozen once tagged.", $"release_fingerprint: {string.Join("; ", differing)}: a version is frozen once tagged.");
    }

    internal async Task FinalBenchAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var since = step.Current.StartedAt!.Value;
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Release == p.Version && r.Night == null).ToListAsync(ct);
        // A bench started in the same instant as an interrupted one is its replacement, so it counts as the later one.
        var latest = runs.OrderByDescending(r => r.StartedAt).ThenBy(r => r.WasInterrupted).FirstOrDefault();
        // A bench cut off by a restart measured nothing: run a new one rather than fail the release on it.
        if (latest is null || latest.WasInterrupted || (latest.Status != Lens.Core.Bench.BenchRunStatus.Running && !latest.Passed && latest.StartedAt < since))
        {
            if (!bench.Available)
            {
                step.Gate("final_bench", false, null, "a passing bench", $"Release {p.Version} has no passing final bench, and none can be run here: {bench.UnavailableReason}");
                return;
            }
            var run = await bench.StartAsync(p.Version, DeploymentService.Actor(p.Id), ct);
            p.WaitFor($"final bench {run.Id} running", null);
            return;
        }
        if (latest.Status == Lens.Core.Bench.BenchRunStatus.Running)
        {
            p.WaitFor($"final bench {latest.Id}: {latest.QueriesDone}/{latest.QueriesTotal} queries", null);
            return;
        }
        var detail = $"Bench {latest.Id}: {latest.Verdict?.ToString() ?? latest.Status.ToString()}, ΔnDCG@10 {latest.NdcgDelta:0.####}, Δrecall@50 {latest.RecallDelta:0.####}{(latest.Error is { } e ? $" ({e})" : "")}.";
        step.Gate("final_bench", latest.Passed, latest.NdcgDelta, "every release gate passes", detail);
    }
}
