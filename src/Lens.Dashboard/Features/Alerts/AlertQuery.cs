using Lens.Core.Alerts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>The filters the history page and <c>GET /api/alerts</c> share. State "open" means Raised or Acknowledged.</summary>
public sealed record AlertQuery(string? State = null, AlertSeverity? MinSeverity = null, AlertSource? Source = null, string? Text = null, int Limit = 200)
{
    public static IReadOnlyList<string> States { get; } = ["open", "all", "raised", "acknowledged", "resolved"];

    public async Task<List<Alert>> RunAsync(LensDbContext db, CancellationToken ct = default)
    {
        var query = db.Alerts.AsNoTracking();
        query = (State ?? "all").ToLowerInvariant() switch
        {
            "open" => query.Where(a => a.State != AlertState.Resolved),
            "raised" => query.Where(a => a.State == AlertState.Raised),
            "acknowledged" => query.Where(a => a.State == AlertState.Acknowledged),
            "resolved" => query.Where(a => a.State == AlertState.Resolved),
            _ => query,
        };
        if (MinSeverity is { } min) query = query.Where(a => a.Severity >= min);
        if (Source is { } source) query = query.Where(a => a.Source == source);
        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = $"%{Text.Trim()}%";
            query = query.Where(a => EF.Functions.Like(a.Title, text) || EF.Functions.Like(a.Detail, text) || EF.Functions.Like(a.Key, text));
        }
        var open = (State ?? "").Equals("open", StringComparison.OrdinalIgnoreCase);
        // Open alerts read most severe first; history reads newest first.
        query = open ? query.OrderByDescending(a => a.Severity).ThenByDescending(a => a.LastSeenAt) : query.OrderByDescending(a => a.LastSeenAt);
        return await query.Take(Math.Clamp(Limit, 1, 1000)).ToListAsync(ct);
    }
}
