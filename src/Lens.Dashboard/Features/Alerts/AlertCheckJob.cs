using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>Escalates detector alarms that have been held past Alerts:EscalateAfter to CRITICAL.</summary>
[DisallowConcurrentExecution]
public sealed class AlertCheckJob(IDbContextFactory<LensDbContext> dbFactory, AlertService alerts, TimeProvider clock, IOptions<AlertOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var heldSince = clock.GetUtcNow() - options.Value.EscalateAfter;
        List<string> held;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            held = await db.Detectors.Where(d => d.AlarmSince != null && d.AlarmSince < heldSince).Select(d => d.Name).ToListAsync(ct);
        return await alerts.EscalateHeldAsync(held.Select(AlertKeys.Detector).ToArray(), ct);
    }
}
