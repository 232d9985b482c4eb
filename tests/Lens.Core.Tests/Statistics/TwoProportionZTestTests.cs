using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public sealed class TwoProportionZTestTests
{
    [Theory]
    // z and p by the pooled formula with SciPy 1.10's norm.sf for the tail.
    [InlineData(50, 1000, 70, 1000, 1.883108942886774, 0.059685605532426224)]
    [InlineData(200, 1000, 150, 800, -0.6658451424277135, 0.5055100873510172)]
    [InlineData(5, 100, 5, 100, 0.0, 1.0)]
    [InlineData(30, 400, 1, 20, -0.41730539538527783, 0.67645504259522)]
    [InlineData(0, 50, 0, 70, 0.0, 1.0)]
    public void Z_Counts_IsThePooledTwoProportionStatistic(long sb, long nb, long sc, long nc, double z, double p)
    {
        Assert.Equal(z, TwoProportionZTest.Z(new(sb, nb), new(sc, nc)), 1e-12);
        Assert.Equal(p, TwoProportionZTest.TwoSidedP(new(sb, nb), new(sc, nc)), 1e-12);
    }
}
