using System.Globalization;
using System.Text;
using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>The sign-off report's "Deployment pipeline" section in words, shared by the Markdown export and the page.</summary>
public static class SignOffDeploymentSection
{
    public const string None = "No deployment pipeline has run for this release.";

    /// <summary>One sentence: state, when, how long, gates, rollbacks.</summary>
    public static string Summary(SignOffDeployment d)
    {
        var ended = d.EndedAt is { } end
            ? string.Create(CultureInfo.InvariantCulture, $"ended {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC after {DeploymentPlanner.Duration(d.Duration!.Value)}")
            : "still running";
        return string.Create(CultureInfo.InvariantCulture,
            $"{d.State} on flag {d.Flag}. Started {d.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {ended}{(d.Accelerated ? " (accelerated)" : "")}. Gates checked: {d.GatesText}. Rollbacks: {d.Rollbacks}.");
    }

    public static string Outcome(PhaseState state) => state switch
    {
        PhaseState.Pending => "not reached",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Duration(TimeSpan? span) => span is { } d ? DeploymentPlanner.Duration(d) : "";

    public static void Markdown(StringBuilder md, SignOffDeployment? d, string? baseUrl)
    {
        md.Append("## Deployment pipeline\n\n");
        if (d is null)
        {
            md.Append(None).Append("\n\n");
            return;
        }
        md.Append(CultureInfo.InvariantCulture, $"Pipeline `{d.Id}`: **{Summary(d)}**\n\n");
        if (d.ForceReason is { } force) md.Append(CultureInfo.InvariantCulture, $"> **FORCED**: failed gates were passed over. Reason: {Cell(force)}\n\n");
        if (d.State is PipelineState.Failed or PipelineState.Aborted && d.Cause is { } cause) md.Append(CultureInfo.InvariantCulture, $"Cause: {cause}\n\n");
        md.Append("| Phase | Outcome | Duration | Note |\n|---|---|---|---|\n");
        foreach (var p in d.Phases)
            md.Append(CultureInfo.InvariantCulture, $"| {p.Label} | {Outcome(p.State)} | {(p.EndedAt is null ? "" : Duration(p.Elapsed))} | {Cell(p.Cause ?? p.Waiting)} |\n");
        md.Append('\n');
        var links = Links(d).Select(l => $"[{l.Text}]({baseUrl?.TrimEnd('/')}{l.Href})").ToList();
        md.Append(links.Count > 0 ? $"Reports: {string.Join(" · ", links)}\n\n" : "No report has been written yet: the pipeline has not ended.\n\n");
    }

    /// <summary>The pipeline's reports that exist, completion first, with the words to link them by.</summary>
    public static IReadOnlyList<(string Text, string Href)> Links(SignOffDeployment d)
    {
        var links = new List<(string, string)>();
        if (d.Reports.TryGetValue("completionMarkdown", out var md)) links.Add(("completion report (Markdown)", md));
        if (d.Reports.TryGetValue("completionJson", out var json)) links.Add(("completion report (JSON)", json));
        if (d.Reports.TryGetValue("failure", out var failure)) links.Add(("failure report (JSON)", failure));
        return links;
    }

    // A cause is free text; a pipe would split the Markdown table's row.
    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
