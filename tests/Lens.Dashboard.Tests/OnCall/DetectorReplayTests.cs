using System.Globalization;
using Lens.Cli;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.OnCall;

/// <summary>
/// The detector page's replay command, run on the page's own CSV export, reproduces the page's C⁺ and C⁻ and names the
/// same first alarm: baseline rows are skipped and resets zero the sums, as the detector did.
/// </summary>
public sealed class DetectorReplayTests : AppTestBase
{
    private Task<HttpResponseMessage> ObserveAsync(double value) =>
        Client.PostJsonAsync("/api/detectors/observations", new { metric = "bench.recall_at_50", value });

    [Fact]
    public async Task ReplayCommand_OnTheExport_ReproducesTheSumsAndTheFirstAlarm()
    {
        // Ten baseline values, a shift down, a reset, then a shift up.
        foreach (var v in new[] { 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.71, 0.69, 0.66, 0.66, 0.65 })
            (await ObserveAsync(v)).EnsureSuccessStatusCode();
        (await Client.PostJsonAsync("/api/detectors/recall_at_50/reset", new { actor = "kim", reason = "judgments fixed" })).EnsureSuccessStatusCode();
        foreach (var v in new[] { 0.71, 0.73, 0.75, 0.76 })
            (await ObserveAsync(v)).EnsureSuccessStatusCode();

        var view = (await App.Get<DetectorsReadModel>().LoadAsync("recall_at_50"))!;
        var csv = await Client.GetStringAsync("/api/detectors/recall_at_50/history.csv");
        var file = Path.Combine(App.Folder, ReplayCommand.FileName("recall_at_50"));
        await File.WriteAllTextAsync(file, csv);
        var args = view.Replay!.Split(' ')[1..];
        args[Array.IndexOf(args, "--input") + 1] = file;

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = LensCli.Run(args, stdout, stderr);
        var output = stdout.ToString();

        Assert.True(exit == 0, stderr.ToString());
        var replayed = output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split('\t')).ToList();
        Assert.Equal(view.Monitored, replayed.Count);
        var stored = csv.Split('\n').Skip(1).Where(l => l.Contains(",Monitoring,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.Equal(stored.Count, replayed.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(double.Parse(stored[i][3], CultureInfo.InvariantCulture).ToString("F4", CultureInfo.InvariantCulture), replayed[i][2]);
            Assert.Equal(double.Parse(stored[i][4], CultureInfo.InvariantCulture).ToString("F4", CultureInfo.InvariantCulture), replayed[i][3]);
        }
        Assert.Contains("# reset after i=5", output);
        Assert.NotNull(view.FirstAlarm);
        Assert.Contains($"first at i={view.FirstAlarm!.Value.Index}", output);
        // C⁻ after 0.71, 0.69, 0.66 is 0, 0.01473, 0.05946: the third monitored value crosses H = 0.05270.
        Assert.Equal(3, view.FirstAlarm.Value.Index);
    }
}
