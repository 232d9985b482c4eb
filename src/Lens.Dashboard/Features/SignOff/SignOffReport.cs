using System.Globalization;
using System.Text;
using Lens.Core.Bench;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Features.Rollouts;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>The sign-off report as Markdown, in the order the page shows it: verdict, gates, the live comparison, nights, approvers, fingerprint.</summary>
public static class SignOffReport
{
    public static string FileName(string version) => $"sign_off_report_{version}.md";

    /// <summary>Which trec_eval the measures follow, and a warning when some of this release's benches followed an earlier one.</summary>
    public static string MeasuresNote(SignOffState s)
    {
        var older = s.Nights.SelectMany(n => n.Slices).Select(x => x.MeasuresFollow)
            .Append(s.FinalBench?.MeasuresFollow ?? Lens.Core.Bench.TrecEvaluator.Reference)
            .Where(m => m != Lens.Core.Bench.TrecEvaluator.Reference).Distinct().ToList();
        var note = $"Measures follow {Lens.Core.Bench.TrecEvaluator.Reference}.";
        return older.Count == 0 ? note
            : note + $" Some benches of this release were measured with {string.Join(", ", older)} (nDCG@10 discounted differently); their nDCG@10 is not comparable with later ones.";
    }

    /// <param name="baseUrl">The dashboard's address, so the downloaded file's links to the pipeline's reports work outside it; null leaves them relative.</param>
    public static string Markdown(SignOffState s, DateTimeOffset generatedAt, string? baseUrl = null)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Release {s.Version}: sign-off report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC. {MeasuresNote(s)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"## Verdict: {s.Verdict.ToUpperInvariant()}\n\n{Headline(s)}\n\n");
        foreach (var item in s.Missing) md.Append(CultureInfo.InvariantCulture, $"- Missing: {item}\n");
        if (s.Missing.Count > 0) md.Append('\n');

        md.Append("## Gates (final bench)\n\n");
        var gates = BenchResultsReader.Gates(s.FinalResultsJson);
        if (s.FinalBench is null || gates.Count == 0) md.Append("No final bench has completed for this release.\n\n");
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"Final bench {s.FinalBench.Source}, finished {s.FinalBench.FinishedAt:yyyy-MM-dd HH:mm} UTC: **{s.FinalBench.Verdict}**. ")
              .Append(CultureInfo.InvariantCulture, $"Compared against {BenchResultsReader.ComparedAgainst(s.FinalResultsJson) ?? "a baseline not recorded by this older bench"}.\n\n");
            md.Append("| Gate | Verdict | Rule | Evidence |\n|---|---|---|---|\n");
            foreach (var g in gates) md.Append(CultureInfo.InvariantCulture, $"| {ReleaseGates.DisplayName(g.Gate)} | {g.Verdict} | {g.Rule} | {g.Evidence} |\n");
            md.Append("\n| Measure | Baseline | Candidate | Difference | 95% interval |\n|---|---:|---:|---:|---|\n");
            foreach (var m in BenchResultsReader.Measures(s.FinalResultsJson))
                md.Append(CultureInfo.InvariantCulture, $"| {TrecMeasure.DisplayNameOf(m.Measure)} | {TrecOutput.FourDecimals(m.Baseline)} | {TrecOutput.FourDecimals(m.Candidate)} | {TrecOutput.FourDecimals(m.Delta)} | [{TrecOutput.FourDecimals(m.CiLower)}, {TrecOutput.FourDecimals(m.CiUpper)}] |\n");
            md.Append('\n');
        }

        md.Append("## Baseline against candidate (live rollout)\n\n");
        if (s.Comparison is not { } c) md.Append("No rollout of this release is running, so there is no live comparison.\n\n");
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"Flag `{c.Flag}`, stage {c.StageIndex + 1} at {c.Percent:0.##}%: {c.Verdict}\n\n");
            md.Append("| Metric | Baseline | Candidate | Difference | 95% interval | Verdict | Per side |\n|---|---:|---:|---:|---|---|---:|\n");
            foreach (var m in c.Metrics)
                md.Append(CultureInfo.InvariantCulture, $"| {m.Metric} | {RolloutComparison.ValueText(m, m.Baseline)} | {RolloutComparison.ValueText(m, m.Candidate)} | {RolloutComparison.Signed(m.RelativeDifference)} | " +
                    $"{(m.RelativeLower is null ? "–" : $"{RolloutComparison.Signed(m.RelativeLower)} to {RolloutComparison.Signed(m.RelativeUpper)}")} | {RolloutComparison.OutcomeText(m.Outcome)} | {m.SamplesPerArm:N0} |\n");
            md.Append('\n');
        }

        SignOffDeploymentSection.Markdown(md, s.Deployment, baseUrl);

        md.Append(CultureInfo.InvariantCulture, $"## Nightly validation: {s.PassingStreak} of {s.RequiredNights} consecutive passing nights\n\n");
        if (s.Nights.Count == 0) md.Append("No night has run yet.\n\n");
        else
        {
            md.Append("| Night | Result | Slices |\n|---|---|---|\n");
            foreach (var n in s.Nights)
                md.Append(CultureInfo.InvariantCulture, $"| {n.Night:yyyy-MM-dd} | {(n.Passed ? "pass" : "fail")} | {string.Join("; ", n.Slices.Select(Slice))} |\n");
            md.Append('\n');
        }

        md.Append("## Approvers\n\n| Role | Decision | By | Reason | When (UTC) |\n|---|---|---|---|---|\n");
        foreach (var role in s.Roles)
            md.Append(s.DecisionOf(role) is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"| {role} | {(d.Approved ? "approved" : "rejected")} | {d.Actor} | {d.Reason} | {d.At:yyyy-MM-dd HH:mm} |\n")
                : $"| {role} | waiting | | | |\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## Fingerprint\n\n`{s.Fingerprint}`\n");
        if (s.PromotedAt is { } at) md.Append(CultureInfo.InvariantCulture, $"\nPromoted to GA by {s.PromotedBy} at {at:yyyy-MM-dd HH:mm} UTC.\n");
        return md.ToString();
    }

    public static string Headline(SignOffState s) => s.Verdict switch
    {
        SignOffState.Promoted => $"{s.Version} is generally available.",
        SignOffState.Ready => $"{s.Version} has {s.PassingStreak} clean nights and every approval: it may be promoted to GA.",
        SignOffState.Blocked => $"{s.Version} has been rejected by a stakeholder and cannot be promoted.",
        _ => $"{s.Version} cannot be promoted yet: {s.Missing.Count} thing(s) missing.",
    };

    public static string Slice(NightSlice s) =>
        s.Error is not null ? $"{s.Slice}: failed ({s.Error})"
        : string.Create(CultureInfo.InvariantCulture, $"{s.Slice}: {(s.Verdict is { } v ? BenchReportWriter.VerdictWord(v) : "running")}{FailedGates(s)}, ΔnDCG@10 {(s.NdcgDelta is { } d ? TrecOutput.FourDecimals(d) : "n/a")}");

    private static string FailedGates(NightSlice s) => s.FailedGates is { Count: > 0 } gates ? $" (failed {string.Join(", ", gates.Select(ReleaseGates.DisplayName))})" : "";
}
