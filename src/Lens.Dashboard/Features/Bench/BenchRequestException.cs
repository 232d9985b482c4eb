namespace Lens.Dashboard.Features.Bench;

/// <summary>A bench request that cannot be carried out, naming the field or setting at fault.</summary>
public sealed class BenchRequestException(string field, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Field { get; } = field;
    public int Status { get; } = status;
}
