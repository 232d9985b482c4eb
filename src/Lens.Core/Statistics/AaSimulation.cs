namespace Lens.Core.Statistics;

/// <summary>
/// Simulates A/A experiments to show what continuous monitoring does to false alarms: both arms draw from one rate, every
/// look after each batch runs the <see cref="SequentialRateTest"/> and the naive <see cref="TwoProportionZTest"/>, and a
/// run is a false positive for a test if that test ever rejects. Pure and seeded: the same settings give the same result.
/// </summary>
public static class AaSimulation
{
    public static AaSimulationResult Run(AaSimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems) + ".", nameof(settings));

        var random = new Random(settings.Seed);
        var critical = NormalDistribution.UpperQuantile(settings.Alpha / 2);
        int sequentialAlarms = 0, naiveAlarms = 0;
        for (var run = 0; run < settings.Runs; run++)
        {
            long baselineSuccesses = 0, candidateSuccesses = 0, trials = 0;
            SequentialRateResult? sequential = null;
            bool sequentialRejected = false, naiveRejected = false;
            for (var look = 0; look < settings.Looks && !(sequentialRejected && naiveRejected); look++)
            {
                baselineSuccesses += Binomial(random, settings.BatchPerArm, settings.Rate);
                candidateSuccesses += Binomial(random, settings.BatchPerArm, settings.Rate);
                trials += settings.BatchPerArm;
                var baseline = new RateCounts(baselineSuccesses, trials);
                var candidate = new RateCounts(candidateSuccesses, trials);
                sequential = SequentialRateTest.Look(baseline, candidate, sequential, settings.Alpha, settings.MixingStandardDeviation);
                sequentialRejected |= sequential.P <= settings.Alpha;
                naiveRejected |= Math.Abs(TwoProportionZTest.Z(baseline, candidate)) >= critical;
            }
            if (sequentialRejected) sequentialAlarms++;
            if (naiveRejected) naiveAlarms++;
        }
        return new AaSimulationResult(settings.Runs, settings.Looks, (double)sequentialAlarms / settings.Runs, (double)naiveAlarms / settings.Runs);
    }

    /// <summary>
    /// A Binomial(trials, rate) draw by skipping from success to success with geometric gaps, exact and O(trials·rate)
    /// uniforms rather than one per trial (for rates above ½ it counts the failures instead).
    /// </summary>
    public static long Binomial(Random random, long trials, double rate)
    {
        if (rate <= 0) return 0;
        if (rate >= 1) return trials;
        if (rate > 0.5) return trials - Binomial(random, trials, 1 - rate);
        var logFailure = Math.Log(1 - rate);
        long successes = 0, position = 0;
        while (true)
        {
            // The number of trials up to and including the next success is 1 + ⌊ln U / ln(1 − rate)⌋, U uniform on (0, 1].
            var gap = Math.Floor(Math.Log(1 - random.NextDouble()) / logFailure) + 1;
            if (position + gap > trials) return successes;
            position += (long)gap;
            successes++;
        }
    }
}
