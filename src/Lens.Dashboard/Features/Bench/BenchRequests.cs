namespace Lens.Dashboard.Features.Bench;

/// <summary>A bench over TREC files sent as text: the qrels and the baseline's and candidate's runs.</summary>
public sealed record BenchFilesRequest(string? Qrels, string? Baseline, string? Candidate, string? Actor);

public sealed record BenchLiveRequest(string? Actor);
