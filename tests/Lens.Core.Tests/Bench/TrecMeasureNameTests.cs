using Lens.Core.Bench;

namespace Lens.Core.Tests.Bench;

public sealed class TrecMeasureNameTests
{
    [Theory]
    [InlineData("ndcg_cut_10", "nDCG@10")]
    [InlineData("P_1", "P@1")]
    [InlineData("recall_50", "Recall@50")]
    [InlineData("map", "MAP")]
    [InlineData("recip_rank", "MRR")]
    [InlineData("span_coverage", "span_coverage")]
    public void DisplayNameOf_TrecEvalCode_IsTheNameManagersRead(string code, string expected) =>
        Assert.Equal(expected, TrecMeasure.DisplayNameOf(code));
}
