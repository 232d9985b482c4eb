namespace Lens.Core.Rollouts;

/// <summary>Checks a stage's confirm webhooks: absolute http(s) addresses, a handful at most.</summary>
public static class ConfirmUrls
{
    public const int MaxPerStage = 5;

    public static IEnumerable<PlanError> Validate(IReadOnlyList<string>? urls, string at)
    {
        if (urls is null) yield break;
        if (urls.Count > MaxPerStage)
            yield return new PlanError(at, $"A stage has at most {MaxPerStage} confirm URLs.");
        for (var k = 0; k < urls.Count; k++)
        {
            if (!Uri.TryCreate(urls[k], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                yield return new PlanError($"{at}[{k}]", "A confirm URL is an absolute http or https address.");
        }
    }
}
