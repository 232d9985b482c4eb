using System.Collections.Concurrent;
using System.Text.Json;
using Lens.Core.Flags;
using Lens.Dashboard.Persistence;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// How the demo service holds flag configuration: it reads GET /api/flags/stream over HTTP, as an outside
/// service would, and keeps the newest version of each flag. It reconnects when the stream drops.
/// </summary>
public sealed class DemoFlagClient(ILogger<DemoFlagClient> logger)
{
    private readonly ConcurrentDictionary<string, FlagState> _flags = new(StringComparer.Ordinal);

    public FlagState? Get(string key) => _flags.TryGetValue(key, out var flag) ? flag : null;

    public async Task RunAsync(HttpClient http, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("api/flags/stream", HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    var flag = JsonSerializer.Deserialize<FlagState>(line["data: ".Length..], LensJson.Options);
                    if (flag is not null) _flags.AddOrUpdate(flag.Key, flag, (_, old) => old.NewerOf(flag));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Demo flag stream dropped; reconnecting");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
        }
    }
}
