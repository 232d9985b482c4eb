using Lens.Core.Alerts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>The alerts page's data: the alerts a filter selects, and the state of one alert the page was opened on.</summary>
public sealed class AlertsReadModel(IDbContextFactory<LensDbContext> dbFactory)
{
    public async Task<List<Alert>> LoadAsync(AlertQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await query.RunAsync(db, ct);
    }

    public async Task<AlertState?> StateOfAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().Where(a => a.Id == id).Select(a => (AlertState?)a.State).FirstOrDefaultAsync(ct);
    }
}
