namespace Lens.Core.Releases;

/// <summary>
/// Which candidates a night validates. Pinned candidates always (a lead chose them); then the newest remaining
/// candidates until <c>max</c> are chosen. Never: a GA release, a retired candidate, and (unless pinned) one whose
/// latest rollout was rolled back or that a newer GA release superseded.
/// </summary>
public static class NightlyCandidates
{
    public static IReadOnlyList<NightlyChoice> Choose(IEnumerable<NightlyCandidate> releases, int max)
    {
        var all = releases.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Version, StringComparer.Ordinal).ToList();
        var newestGa = all.FirstOrDefault(r => r.Status == ReleaseStatus.GeneralAvailability);
        var candidates = all.Where(r => r.Status == ReleaseStatus.Candidate).ToList();
        var pinned = candidates.Where(r => r.Pinned is not null && r.Retired is null).ToList();
        var slots = Math.Max(0, max - pinned.Count);

        var choices = new List<NightlyChoice>();
        foreach (var r in candidates)
        {
            if (r.Retired is { } retired) choices.Add(Excluded(r, $"retired by {retired.By}: {retired.Reason}"));
            else if (r.Pinned is { } pin) choices.Add(new NightlyChoice(r.Version, true, $"pinned by {pin.By}: {pin.Reason}", true, false));
            else if (r.LatestRolloutRolledBack) choices.Add(Excluded(r, "its latest rollout was rolled back; pin it to validate it anyway"));
            else if (newestGa is not null && r.CreatedAt < newestGa.CreatedAt) choices.Add(Excluded(r, $"superseded by {newestGa.Version}, generally available"));
            else if (slots > 0)
            {
                slots--;
                choices.Add(new NightlyChoice(r.Version, true, $"one of the {max} newest candidates", false, false));
            }
            else choices.Add(Excluded(r, $"not among the {max} newest candidates; pin it to validate it"));
        }
        // Tonight's list first (pins before the newest), then the rest; each part newest first.
        return choices.OrderByDescending(c => c.Included).ThenByDescending(c => c.Pinned).ToList();
    }

    private static NightlyChoice Excluded(NightlyCandidate r, string why) => new(r.Version, false, why, false, r.Retired is not null);
}
