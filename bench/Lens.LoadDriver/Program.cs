using Lens.LoadDriver;

// Usage: Lens.LoadDriver ingest|breach|push|overview|compat|all [--server URL] [--dashboards 50] [--rounds 10] [--rollouts 500] [--seconds 15] [--connections 16] [--batch 1000] [--trials 20] [--traffic 0]
// Without --server it starts src/Lens.Dashboard/bin/Release/.../Lens.Dashboard itself (build it with -c Release first).
var mode = args.FirstOrDefault() ?? "all";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntOption(string name, int fallback) => int.TryParse(Option(name), out var v) ? v : fallback;

await using var dashboard = await DashboardUnderTest.StartOrAttachAsync(Option("--server"));
Console.WriteLine($"dashboard: {dashboard.Address}");
if (mode is "ingest" or "all")
    await IngestLoad.RunAsync(dashboard.Address, IntOption("--seconds", 15), IntOption("--connections", 16), IntOption("--batch", 1000));
if (mode is "breach" or "all")
    await BreachLatency.RunAsync(dashboard.Address, IntOption("--trials", 20));
if (mode is "push" or "all")
    await PushLatency.RunAsync(dashboard.Address, IntOption("--dashboards", 50), IntOption("--rounds", 10), Option("--page") ?? "detail", IntOption("--traffic", 0));
if (mode is "compat" or "all")
    await CompatLatency.RunAsync(dashboard.Address, IntOption("--requests", 5000), IntOption("--connections", 16));
if (mode is "overview" or "all")
    await UiLatency.OverviewAsync(dashboard.Address, IntOption("--rollouts", 500), IntOption("--trials", 5));
