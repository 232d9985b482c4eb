using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Features.Canary;
using Lens.Dashboard.Features.Compat;
using Lens.Dashboard.Features.Demo;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Health;
using Lens.Dashboard.Features.Ingest;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Overview;
using Lens.Dashboard.Features.Releases;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Features.SignOff;
using Lens.Dashboard.Features.Wall;
using Lens.Dashboard.Hosting;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Shell;

var builder = WebApplication.CreateBuilder(args);

builder.AddLensHosting();
builder.AddLensPersistence();
builder.AddLensReleases();
builder.AddLensBench();
builder.AddLensSignOff();
builder.AddLensRollouts();
builder.AddLensFlags();
builder.AddLensAlerts();
builder.AddLensDetectors();
builder.AddLensSentinel();
builder.AddLensIngest();
builder.AddLensScheduling();
builder.AddLensOverview();
builder.AddLensWall();
builder.AddLensShell();
builder.AddLensDemo();

var app = builder.Build();

await app.MigrateLensDatabaseAsync();
await app.RestoreLensStateAsync();
await app.EnsureLensDetectorsAsync();

app.UseLensShell();
app.MapReleasesApi();
app.MapBenchApi();
app.MapSignOffApi();
app.MapCompatApi();
app.MapRolloutsApi();
app.MapFlagsApi();
app.MapAlertsApi();
app.MapDetectorsApi();
app.MapSentinelApi();
app.MapIngestApi();
app.MapCanaryApi();
app.MapHealthApi();
app.MapDemoApi();
app.MapHub<RolloutsHub>("/hubs/rollouts");
app.MapLensPages();

app.Run();
