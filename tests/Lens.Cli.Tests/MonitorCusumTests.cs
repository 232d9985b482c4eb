using System.Globalization;
using Lens.Cli;

namespace Lens.Cli.Tests;

public sealed class MonitorCusumTests : IDisposable
{
    // Montgomery's tabular CUSUM example (μ0 = 10, σ = 1): C⁺ first exceeds H = 5 at observation 29 with 5.28.
    private static readonly double[] Series =
    [
        9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08,
        9.37, 10.62, 10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Csv(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = LensCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Cusum_TextbookSeries_PrintsEachObservationAndTheFirstAlarmAt29()
    {
        var rows = Series.Select((x, i) => $"2026-11-{(i % 28) + 1:00},\"p95, ms\",{x.ToString(CultureInfo.InvariantCulture)}");
        var path = Csv("history.csv", "day,label,p95\n" + string.Join("\n", rows) + "\n");

        var (exit, output, error) = Run("monitor", "cusum", "--input", path, "--column", "p95", "--target", "10", "--sigma", "1");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("i\tx\tC+\tC-\tN+\tN-\talarm", lines[1]);
        Assert.Equal("4\t11.66\t1.1600\t0.0000\t1\t0\t", lines[2 + 3]);
        Assert.Equal("7\t8.04\t0.0400\t1.4600\t4\t1\t", lines[2 + 6]);
        Assert.Equal("28\t11.62\t4.4700\t0.0000\t6\t0\t", lines[2 + 27]);
        Assert.Equal("29\t11.31\t5.2800\t0.0000\t7\t0\tHIGH", lines[2 + 28]);
        Assert.EndsWith("first at i=29", lines[^1]);
    }

    [Fact]
    public void Cusum_TighterDecisionInterval_AlarmsEarlier()
    {
        var path = Csv("one.csv", "x\n" + string.Join("\n", Series.Select(x => x.ToString(CultureInfo.InvariantCulture))));
        var (exit, output, _) = Run("monitor", "cusum", "--input", path, "--target", "10", "--sigma", "1", "--h", "2.5");
        Assert.Equal(0, exit);
        // C⁺ = 2.82 at observation 5 exceeds H = 2.5.
        Assert.EndsWith("first at i=5", output.TrimEnd());
    }

    [Fact]
    public void Cusum_MalformedValue_NamesFileAndLineAndExitsNonZero()
    {
        var path = Csv("bad.csv", "x\n1.0\n2.0\nabc\n");
        var (exit, output, error) = Run("monitor", "cusum", "--input", path, "--target", "1", "--sigma", "1");
        Assert.Equal(2, exit);
        Assert.Contains($"{path}:4: 'abc' in column 'x' is not a finite number.", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("a,b\n1,2\n", null, "choose one with --column")]
    [InlineData("a\n1\n", "nope", "no column 'nope'")]
    [InlineData("a\n\"1\n", null, "quoted field is not closed")]
    public void Cusum_BadColumnChoice_SaysWhat(string content, string? column, string expected)
    {
        var path = Csv("c.csv", content);
        var args = new List<string> { "monitor", "cusum", "--input", path, "--target", "1", "--sigma", "1" };
        if (column is not null) args.AddRange(["--column", column]);
        var (exit, _, error) = Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Cusum_ZeroSigma_IsRefused()
    {
        var path = Csv("s.csv", "x\n1\n");
        var (exit, _, error) = Run("monitor", "cusum", "--input", path, "--target", "1", "--sigma", "0");
        Assert.Equal(2, exit);
        Assert.Contains("sigma must be a positive number", error);
    }

    [Fact]
    public void Cusum_MissingTarget_FailsWithUsage()
    {
        var path = Csv("t.csv", "x\n1\n");
        var (exit, _, error) = Run("monitor", "cusum", "--input", path, "--sigma", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("--target", error);
    }

    [Fact]
    public void Cusum_DashboardDetectorExport_SkipsBaselineRowsAndResetsWhereTheDetectorWasReset()
    {
        // The layout of GET /api/detectors/{name}/history.csv: two baseline rows (they trained mu0 and sigma and were
        // never monitored), two monitored values, a reset, and one more value. The c_plus column is what the detector stored.
        var path = Csv("detector_p95_history.csv", """
            at,phase,value,c_plus,c_minus,alarm_high,alarm_low,note
            2026-11-22T08:58:00.000Z,Baseline,9,0,0,0,0,
            2026-11-22T08:59:00.000Z,Baseline,11,0,0,0,0,
            2026-11-22T09:00:00.000Z,Monitoring,11,0.5,0,0,0,
            2026-11-22T09:00:30.000Z,Monitoring,16,6,0,1,0,
            2026-11-22T09:01:00.000Z,Reset,,0,0,0,0,"kim: cache warmed, checked"
            2026-11-22T09:02:00.000Z,Monitoring,12,1.5,0,0,0,
            """);
        var (exit, output, error) = Run("monitor", "cusum", "--input", path, "--column", "value", "--target", "10", "--sigma", "1");
        Assert.True(exit == 0, error);
        // The stored sums, observation by observation: 0.5, then 16 - 10.5 + 0.5 = 6 (> H = 5), then after the reset 1.5.
        Assert.Contains("1\t11\t0.5000", output);
        Assert.Contains("2\t16\t6.0000\t0.0000\t2\t0\tHIGH", output);
        Assert.Contains("# reset after i=2", output);
        Assert.Contains("3\t12\t1.5000", output);
        Assert.DoesNotContain("\t9\t", output);
        Assert.Contains("# 3 observations, 1 in alarm, first at i=2", output);
    }

    [Fact]
    public void Cusum_EmptyValueOutsideAResetRow_IsAnErrorNamingTheLine()
    {
        var path = Csv("gap.csv", "phase,value\nMonitoring,1\nMonitoring,\n");
        var (exit, _, error) = Run("monitor", "cusum", "--input", path, "--column", "value", "--target", "1", "--sigma", "1");
        Assert.Equal(2, exit);
        Assert.Contains("gap.csv:3", error);
    }
}
