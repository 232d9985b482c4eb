using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Writes tokens' last-used times now and then. It is bookkeeping: a busy database delays it, and a crash loses at
/// most one interval of it, but a request never waits for it.
/// </summary>
public sealed class TokenUsageRecorder(TokenRegistry registry, IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock,
    ILogger<TokenUsageRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One-shot waits: a periodic timer on a clock moved far ahead fires once per interval it skipped.
        try
        {
            while (true)
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
        // One last flush on the way down, bounded so it never holds the shutdown.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try { await FlushAsync(last.Token); } catch (OperationCanceledException) { }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var usage = registry.TakeUsage();
        if (usage.Count == 0) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ids = usage.Keys.ToList();
            foreach (var token in await db.ApiTokens.Where(t => ids.Contains(t.Id)).ToListAsync(ct)) token.MarkUsed(usage[token.Id]);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record when {Count} token(s) were last used; will not retry these times.", usage.Count);
        }
    }
}
