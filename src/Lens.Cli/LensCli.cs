using System.CommandLine;
using Lens.Cli.Bench;
using Lens.Cli.Calibration;
using Lens.Cli.Monitor;
using Lens.Cli.Server;
using Lens.Cli.Stats;

namespace Lens.Cli;

/// <summary>The <c>lens</c> command line. Writers are parameters so tests run it in-process.</summary>
public static class LensCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, server => new DashboardClient(server));

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter)"/>, with the way to reach a dashboard supplied (tests pass an in-process one).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var monitor = new Command("monitor", "Drift detection and calibration status.") { CusumCommand.Create(stdout, stderr), CalibrationMonitorCommand.Create(stdout, stderr, connect) };
        var bench = new Command("bench", "Release quality: evaluate runs against judgments.") { BenchEvalCommand.Create(stdout, stderr) };
        var calibration = new Command("calibration", "Score calibration: reliability curves, isotonic maps and τ.") { CalibrationFitCommand.Create(stdout, stderr) };
        var stats = new Command("stats", "Statistical tests: Mann-Whitney, sample-ratio mismatch, A/A simulation.")
        {
            MannWhitneyCommand.Create(stdout, stderr), SampleRatioCommand.Create(stdout, stderr), AaSimulationCommand.Create(stdout, stderr),
        };
        var root = new RootCommand("lens: the Lens Dashboard command line") { bench, calibration, monitor, stats, KillSwitchCommand.Create(stdout, stderr, connect), VersionCommand.Create(stdout, stderr, connect),
            TokenCommand.Create(stdout, stderr, connect), BackupCommand.Create(stdout, stderr, connect), DeployCommand.Create(stdout, stderr, connect) };
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
