namespace Lens.Dashboard.Features.Ingest;

/// <summary>A request that cannot be read as a batch at all; nothing in it is counted.</summary>
public sealed class IngestParseException(string field, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Field { get; } = field;
    public int Status { get; } = status;
}
