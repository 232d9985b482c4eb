namespace Lens.Dashboard.Features.Rollouts;

/// <summary>A request the engine cannot carry out as asked, naming the field at fault and the HTTP status that fits.</summary>
public sealed class RolloutRequestException(string field, string message, int status) : Exception(message)
{
    public string Field { get; } = field;
    public int Status { get; } = status;
}
