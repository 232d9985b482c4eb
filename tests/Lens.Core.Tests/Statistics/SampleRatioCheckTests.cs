using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public sealed class SampleRatioCheckTests
{
    [Theory]
    // 94 requests at the start of a 5% stage, 8 of them candidate: noise, not a mismatch (the old rule fired here).
    [InlineData(86, 8, 5, false)]
    [InlineData(950, 50, 5, false)]
    [InlineData(9000, 1000, 5, true)]
    // Around p = 0.001 at 25% of 10,000 requests (SciPy: chi2 10.754, p 0.00104; chi2 10.906, p 0.00096).
    [InlineData(7358, 2642, 25, false)]
    [InlineData(7357, 2643, 25, true)]
    public void Judge_ServedAgainstIntended_FlagsOnlyARealMismatch(long baseline, long candidate, double percent, bool mismatch)
    {
        var result = SampleRatioCheck.Judge(baseline, candidate, (decimal)percent);

        Assert.NotNull(result);
        Assert.Equal(mismatch, result.Mismatch);
        Assert.Equal(mismatch, result.P < SampleRatioCheck.DefaultAlpha);
        Assert.Equal((double)candidate / (baseline + candidate), result.ServedShare, 12);
    }

    [Theory]
    [InlineData(0, 0, 5)]
    [InlineData(100, 0, 0)]
    [InlineData(0, 100, 100)]
    public void Judge_NoTrafficOrASingleArm_HasNothingToTest(long baseline, long candidate, double percent) =>
        Assert.Null(SampleRatioCheck.Judge(baseline, candidate, (decimal)percent));
}
