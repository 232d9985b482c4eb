using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>
/// A/A experiments looked at after every batch: the sequential test keeps its false-positive rate near α, the naive
/// fixed-horizon z-test checked at every look does not.
/// </summary>
public sealed class AaSimulationTests
{
    [Theory]
    [InlineData(0.05, 200, 0.05)]
    [InlineData(0.01, 500, 0.05)]
    [InlineData(0.3, 100, 0.05)]
    [InlineData(0.05, 200, 0.1)]
    public void Run_TwoThousandRunsOfFiftyLooks_SequentialStaysWithinAlphaAndNaiveDoesNot(double rate, int batch, double alpha)
    {
        var result = AaSimulation.Run(new AaSimulationSettings(Runs: 2000, Looks: 50, BatchPerArm: batch, Rate: rate, Alpha: alpha, Seed: 20261207));

        Assert.True(result.SequentialFalsePositiveRate <= alpha + 0.01, $"sequential FPR {result.SequentialFalsePositiveRate} above α + 0.01");
        Assert.True(result.NaiveFalsePositiveRate >= 2 * alpha, $"naive FPR {result.NaiveFalsePositiveRate} below 2α");
    }

    [Fact]
    public void Run_SameSeed_GivesTheSameResult()
    {
        var settings = new AaSimulationSettings(Runs: 300, Looks: 20, Seed: 42);

        Assert.Equal(AaSimulation.Run(settings), AaSimulation.Run(settings));
        Assert.NotEqual(AaSimulation.Run(settings), AaSimulation.Run(settings with { Seed = 43 }));
    }

    [Fact]
    public void Run_OneLook_NaiveTestHoldsItsLevel()
    {
        // Looked at once, the fixed-horizon test is valid: about α of runs reject (4,000 runs: standard error 0.0034).
        var result = AaSimulation.Run(new AaSimulationSettings(Runs: 4000, Looks: 1, BatchPerArm: 2000, Seed: 7));

        Assert.InRange(result.NaiveFalsePositiveRate, 0.035, 0.065);
    }

    [Theory]
    [InlineData(0.02, 100)]
    [InlineData(0.3, 50)]
    [InlineData(0.9, 40)]
    public void Binomial_ManyDraws_HaveTheBinomialMeanAndVariance(double rate, int trials)
    {
        var random = new Random(3);
        var draws = Enumerable.Range(0, 40_000).Select(_ => (double)AaSimulation.Binomial(random, trials, rate)).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1);

        var expectedVariance = trials * rate * (1 - rate);
        Assert.InRange(mean, trials * rate - 4 * Math.Sqrt(expectedVariance / draws.Length), trials * rate + 4 * Math.Sqrt(expectedVariance / draws.Length));
        Assert.InRange(variance / expectedVariance, 0.95, 1.05);
        Assert.All(draws, d => Assert.InRange(d, 0, trials));
    }

    [Theory]
    [InlineData(0, 50, 0.05, 0.05)]
    [InlineData(100, 0, 0.05, 0.05)]
    [InlineData(100, 50, 0.0, 0.05)]
    [InlineData(100, 50, 0.05, 1.0)]
    public void Run_BadSettings_Refuses(int runs, int looks, double rate, double alpha) =>
        Assert.Throws<ArgumentException>(() => AaSimulation.Run(new AaSimulationSettings(runs, looks, Rate: rate, Alpha: alpha)));
}
