using Lens.Core.Metrics;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// What the demo's users clicked. Each result carries the ranker's confidence (falling with rank, with noise, to three
/// decimals). The baseline's confidence is honest; the candidate's is deliberately over-confident (a result it gives p
/// is clicked about p^2.5 of the time: it reports p^0.4 for a result clicked p of the time), so the reliability curve
/// bends below the diagonal and isotonic regression visibly straightens it, while both get the same clicks. A reported query carries the ranker's whole top-10 slate, however many lines the corpus
/// search matched: τ decides how many of the ten a service shows, and needs that room to find about five.
/// </summary>
public static class DemoImpressions
{
    /// <summary>One request in five reports its impressions: plenty for a curve, little load.</summary>
    public const int OneIn = 5;

    public const int Slate = 10;

    public static IEnumerable<object> For(Variant variant, string queryId, Random random)
    {
        for (var position = 1; position <= Slate; position++)
        {
            // Both rankers find equally clickable results; the candidate only claims more confidence than it has.
            var clickChance = Math.Clamp(0.92 - 0.07 * (position - 1) + (random.NextDouble() - 0.5) * 0.2, 0.01, 0.99);
            var score = Math.Round(variant == Variant.Candidate ? Math.Pow(clickChance, 0.4) : clickChance, 3);
            yield return new { queryId, score, clicked = random.NextDouble() < clickChance, position };
        }
    }
}
