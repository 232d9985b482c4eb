namespace Lens.Dashboard.Http;

/// <summary>A request a feature cannot carry out as asked, naming the field at fault and the HTTP status that fits.</summary>
public sealed class LensRequestException(string field, string message, int status) : Exception(message)
{
    public string Field { get; } = field;
    public int Status { get; } = status;
}
