using System.Globalization;
using System.Text;
using System.Text.Json;
using Lens.Core.Alerts;
using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Writes a failed pipeline's failure_report_&lt;id&gt;.json (phase, cause, gate values, recent alerts) and a finished
/// one's completion report (Markdown and JSON: phases, gates checked, rollbacks, durations, final metrics) to the
/// reports folder, and names them for the status object.
/// </summary>
public sealed class DeploymentReports(IDbContextFactory<LensDbContext> dbFactory, IOptions<DeployOptions> options, IWebHostEnvironment environment)
{
    public static string FailureFile(Guid id) => $"failure_report_{id}.json";
    public static string CompletionMarkdownFile(Guid id) => $"completion_report_{id}.md";
    public static string CompletionJsonFile(Guid id) => $"completion_report_{id}.json";

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.ReportsFolder));

    /// <summary>The reports that exist for a pipeline, by kind, as download paths.</summary>
    public IReadOnlyDictionary<string, string> Links(DeploymentPipeline pipeline)
    {
        var links = new Dictionary<string, string>();
        void Add(string kind, string file)
        {
            if (File.Exists(Path.Combine(Folder, file))) links[kind] = Download(pipeline.Id, file);
        }
        Add("failure", FailureFile(pipeline.Id));
        Add("completionMarkdown", CompletionMarkdownFile(pipeline.Id));
        Add("completionJson", CompletionJsonFile(pipeline.Id));
        return links;
    }

    /// <summary>
    /// The reports an ended pipeline gets, by kind, as download paths, whether or not they are written yet: a failed or
    /// aborted one its failure report, a succeeded one its completion reports. Webhooks announce them before they exist.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PathsFor(DeploymentPipeline pipeline) => pipeline.State switch
    {
        PipelineState.Failed or PipelineState.Aborted => new Dictionary<string, string> { ["failure"] = Download(pipeline.Id, FailureFile(pipeline.Id)) },
        PipelineState.Succeeded => new Dictionary<string, string>
        {
            ["completionMarkdown"] = Download(pipeline.Id, CompletionMarkdownFile(pipeline.Id)),
            ["completionJson"] = Download(pipeline.Id, CompletionJsonFile(pipeline.Id)),
        },
        _ => new Dictionary<string, string>(),
    };

    private static string Download(Guid id, string file) => $"/deploy/{id}/reports/{file}";

    /// <summary>The full path of one of the pipeline's report files; null for any other name.</summary>
    public string? PathOf(Guid id, string file) =>
        file == FailureFile(id) || file == CompletionMarkdownFile(id) || file == CompletionJsonFile(id) ? Path.Combine(Folder, file) : null;

    public async Task WriteAsync(DeploymentPipeline pipeline, DeploymentPlan plan, CancellationToken ct)
    {
        if (!pipeline.IsTerminal) return;
        Directory.CreateDirectory(Folder);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollouts = await db.Rollouts.AsNoTracking().Where(r => pipeline.Rollouts.Contains(r.Id)).ToListAsync(ct);
        var rollbacks = rollouts.Where(r => r.State is RolloutState.RolledBack or RolloutState.Aborted)
            .Select(r => new { rollout = r.Id, plan = r.PlanName, state = r.State.ToString(), percent = r.Stages[Math.Min(r.StageIndex, r.Stages.Count - 1)].Percent }).ToList();
        var phases = pipeline.Phases.Select(p => new { phase = p.Phase.ToString(), label = PhaseNames.Label(p.Phase), state = p.State.ToString(), p.StartedAt, p.EndedAt, duration = p.Duration?.ToString(), p.Cause }).ToList();
        if (pipeline.State is PipelineState.Failed or PipelineState.Aborted)
        {
            var failed = pipeline.Phases.FirstOrDefault(p => p.State is PhaseState.Failed or PhaseState.Aborted);
            var since = failed?.StartedAt ?? pipeline.CreatedAt;
            var alerts = (await db.Alerts.AsNoTracking().ToListAsync(ct)).Where(a => a.RaisedAt >= since).OrderByDescending(a => a.RaisedAt).Take(20)
                .Select(a => new { a.Key, severity = a.Severity.ToString(), a.Title, a.RaisedAt, state = a.State.ToString() }).ToList();
            var report = new
            {
                id = pipeline.Id, pipeline.Version, pipeline.Flag, state = pipeline.State.ToString(), phase = failed?.Phase.ToString(), cause = pipeline.Cause,
                failedGates = pipeline.Gates.Where(g => !g.Passed).ToList(), gates = pipeline.Gates, rollbacks, recentAlerts = alerts, phases,
                forced = pipeline.ForceReason, writtenAt = pipeline.EndedAt,
            };
            await File.WriteAllTextAsync(Path.Combine(Folder, FailureFile(pipeline.Id)), JsonSerializer.Serialize(report, Indented), ct);
            return;
        }
        var summary = new
        {
            id = pipeline.Id, pipeline.Version, pipeline.Flag, state = pipeline.State.ToString(), accelerated = plan.Accelerated, factor = plan.Factor,
            gatesPassed = pipeline.Gates.Count(g => g.Passed), gatesChecked = pipeline.Gates.Count, gatesOverridden = pipeline.Gates.Count(g => g.Overridden),
            forced = pipeline.ForceReason, skipBench = plan.SkipBench, skipCanary = plan.SkipCanary,
            duration = (pipeline.EndedAt - pipeline.CreatedAt)?.ToString(), phases, gates = pipeline.Gates, rollbacks,
            finalMetrics = pipeline.Gates.Where(g => g.Phase == DeploymentPhase.FinalCheck).Select(g => new { g.Gate, g.Value, g.Threshold, g.Passed, g.Detail }).ToList(),
        };
        await File.WriteAllTextAsync(Path.Combine(Folder, CompletionJsonFile(pipeline.Id)), JsonSerializer.Serialize(summary, Indented), ct);
        await File.WriteAllTextAsync(Path.Combine(Folder, CompletionMarkdownFile(pipeline.Id)), Markdown(pipeline, plan, rollbacks.Count), ct);
    }

    private static readonly JsonSerializerOptions Indented = new(LensJson.Options) { WriteIndented = true };

    public static string Markdown(DeploymentPipeline pipeline, DeploymentPlan plan, int rollbacks)
    {
        var md = new StringBuilder();
        var passed = pipeline.Gates.Count(g => g.Passed);
        md.AppendLine(CultureInfo.InvariantCulture, $"# Deployment of {pipeline.Version} on {pipeline.Flag}: {pipeline.State}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Pipeline `{pipeline.Id}`, started by {pipeline.StartedBy} at {pipeline.CreatedAt:u}, ended {pipeline.EndedAt:u} " +
            $"({DeploymentPlanner.Duration((pipeline.EndedAt ?? pipeline.CreatedAt) - pipeline.CreatedAt)}){(plan.Accelerated ? $", accelerated ×{plan.Factor:0.##}" : "")}.");
        md.AppendLine();
        if (pipeline.ForceReason is { } force) md.AppendLine(CultureInfo.InvariantCulture, $"> **FORCED**: failed gates were overridden. Reason: {force}\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"**Gates: {passed}/{pipeline.Gates.Count} passed**{(pipeline.Gates.Any(g => g.Overridden) ? $" ({pipeline.Gates.Count(g => g.Overridden)} overridden)" : "")}. Rollbacks: {rollbacks}.");
        md.AppendLine();
        md.AppendLine("| Phase | Outcome | Started | Duration | Note |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var p in pipeline.Phases)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {PhaseNames.Label(p.Phase)} | {p.State} | {p.StartedAt:u} | {(p.Duration is { } d ? DeploymentPlanner.Duration(d) : "")} | {p.Cause} |");
        md.AppendLine();
        md.AppendLine("## Gates checked");
        md.AppendLine();
        md.AppendLine("| Phase | Gate | Value | Limit | Result |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var g in pipeline.Gates)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {PhaseNames.Label(g.Phase)} | {g.Gate} | {g.Value?.ToString("0.####", CultureInfo.InvariantCulture)} | {g.Threshold} | {(g.Passed ? "pass" : g.Overridden ? "FAIL (overridden)" : "FAIL")} |");
        md.AppendLine();
        md.AppendLine("## Final metrics");
        md.AppendLine();
        foreach (var g in pipeline.Gates.Where(g => g.Phase == DeploymentPhase.FinalCheck)) md.AppendLine(CultureInfo.InvariantCulture, $"- {g.Gate}: {g.Detail}");
        return md.ToString();
    }
}
