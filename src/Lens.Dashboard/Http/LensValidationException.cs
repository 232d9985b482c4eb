namespace Lens.Dashboard.Http;

/// <summary>A request with one or more fields at fault, each named with what is wrong with it.</summary>
public sealed class LensValidationException(IDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
