using Lens.Dashboard.Features.Metrics;
namespace Lens.Dashboard.Features.Ingest;

public sealed record IngestResponse(int Accepted, IReadOnlyList<IngestRejection> Rejected);
