using Lens.Core.Monitoring;

namespace Lens.Core.Tests.Monitoring;

public sealed class DetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    // μ₀ = 10, σ = 1, k = 0.5, h = 5, so K = 0.5 and H = 5. By hand from C⁺ᵢ = max(0, xᵢ − 10.5 + C⁺ᵢ₋₁),
    // C⁻ᵢ = max(0, 9.5 − xᵢ + C⁻ᵢ₋₁):
    //   x:  10   11   12   13   14   10   ->  C⁺: 0, 0.5, 2.0, 4.5, 8.0, 7.5   C⁻: 0 throughout
    [Fact]
    public void Observe_ConfiguredBaseline_FollowsTheTabularCusumAndDatesTheAlarm()
    {
        var detector = Detector.Create("p95", "latency", k: 0.5, h: 5, baselineSize: 2, sigmaFloor: 0.01, target: 10, sigma: 1);
        double[] x = [10, 11, 12, 13, 14, 10];
        double[] cPlus = [0, 0.5, 2.0, 4.5, 8.0, 7.5];
        bool[] started = [false, false, false, false, true, false];
        for (var i = 0; i < x.Length; i++)
        {
            var (observation, alarmStarted) = detector.Observe(x[i], T0.AddMinutes(i));
            Assert.Equal(cPlus[i], observation.CPlus, 12);
            Assert.Equal(0, observation.CMinus);
            Assert.Equal(started[i], alarmStarted);
            Assert.Equal(DetectorPhase.Monitoring, observation.Phase);
        }
        Assert.Equal(T0.AddMinutes(4), detector.AlarmSince);
        Assert.Equal(5, detector.NPlus);
    }

    // Downward: x = 9, 8, 7, 6 -> C⁻ = 0.5, 2.0, 4.5, 8.0 (alarm on the fourth).
    [Fact]
    public void Observe_DownwardShift_AlarmsOnTheLowerSide()
    {
        var detector = Detector.Create("p1", "precision", 0.5, 5, 2, 0.01, target: 10, sigma: 1);
        var steps = new[] { 9.0, 8, 7, 6 }.Select((v, i) => detector.Observe(v, T0.AddMinutes(i))).ToArray();
        Assert.Equal([0.5, 2.0, 4.5, 8.0], steps.Select(s => s.Observation.CMinus));
        Assert.Equal([false, false, false, true], steps.Select(s => s.AlarmStarted));
        Assert.True(steps[^1].Observation.AlarmLow);
        Assert.False(steps[^1].Observation.AlarmHigh);
    }

    // Baseline 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32 / 7, σ = 2.138089935299395.
    [Fact]
    public void Observe_LearnedBaseline_UsesMeanAndSampleStandardDeviationThenMonitors()
    {
        var detector = Detector.Create("r50", "recall", 0.5, 5, baselineSize: 8, sigmaFloor: 0.01);
        foreach (var v in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })
            Assert.Equal(DetectorPhase.Baseline, detector.Observe(v, T0).Observation.Phase);
        Assert.Equal(5, detector.Target!.Value, 12);
        Assert.Equal(2.138089935299395, detector.Sigma!.Value, 12);
        var (first, _) = detector.Observe(9, T0);
        Assert.Equal(DetectorPhase.Monitoring, first.Phase);
        Assert.Equal(9 - (5 + 0.5 * 2.138089935299395), first.CPlus, 12);
    }

    [Fact]
    public void Observe_FlatBaseline_UsesTheSigmaFloor()
    {
        var detector = Detector.Create("a", "anchor", 0.5, 5, baselineSize: 3, sigmaFloor: 0.02);
        for (var i = 0; i < 3; i++) detector.Observe(1.0, T0);
        Assert.Equal((1.0, 0.02), (detector.Target!.Value, detector.Sigma!.Value));
        // H = 0.1, K = 0.01: a drop to 0.5 gives C⁻ = 0.99 − 0.5 = 0.49 > 0.1 at once.
        var (step, started) = detector.Observe(0.5, T0);
        Assert.Equal(0.49, step.CMinus, 12);
        Assert.True(started);
    }

    [Fact]
    public void Reset_ZeroesSumsAndClearsTheAlarmWithItsReason()
    {
        var detector = Detector.Create("p95", "latency", 0.5, 5, 2, 0.01, target: 10, sigma: 1);
        detector.Observe(20, T0);
        Assert.True(detector.InAlarm);
        var reset = detector.Reset("kim", "cache warmed", T0.AddHours(1));
        Assert.Equal((0.0, 0.0, false), (detector.CPlus, detector.CMinus, detector.InAlarm));
        Assert.Equal(DetectorPhase.Reset, reset.Phase);
        Assert.Equal("kim: cache warmed", reset.Note);
        Assert.Equal(0, detector.Observe(10, T0.AddHours(2)).Observation.CPlus);
        Assert.Throws<ArgumentException>(() => detector.Reset("kim", " ", T0));
    }

    // σ floor 0.005: a bench σ above it is kept, one below it (or zero, a flat bench) is raised to it.
    [Theory]
    [InlineData(0.8, 0.02, 0.8, 0.02)]
    [InlineData(0.8, 0.001, 0.8, 0.005)]
    [InlineData(0.65, 0.0, 0.65, 0.005)]
    [InlineData(120.0, 7.5, 120.0, 7.5)]
    public void Arm_BenchBaseline_SetsTargetAndSigmaFlooredAndMonitorsAtOnce(double target, double sigma, double expectedTarget, double expectedSigma)
    {
        var detector = Detector.Create("r50", "recall", k: 0.5, h: 5, baselineSize: 10, sigmaFloor: 0.005);
        Assert.True(detector.IsLearning);

        var armed = detector.Arm(target, sigma, "pipeline", "bench baseline", T0);

        Assert.Equal((expectedTarget, expectedSigma), (detector.Target, detector.Sigma));
        Assert.False(detector.IsLearning);
        Assert.Equal(DetectorPhase.Reset, armed.Phase);
        Assert.StartsWith("pipeline: bench baseline", armed.Note);
        // The next value is monitored against the armed baseline: C⁺ = x − (μ₀ + kσ).
        var (next, _) = detector.Observe(expectedTarget + 2 * expectedSigma, T0.AddMinutes(1));
        Assert.Equal(DetectorPhase.Monitoring, next.Phase);
        Assert.Equal(1.5 * expectedSigma, next.CPlus, 9);
    }

    [Fact]
    public void Arm_AlarmedDetector_ClearsSumsAndAlarmAndTakesTheNewBaseline()
    {
        var detector = Detector.Create("p95", "latency", 0.5, 5, 2, 0.01, target: 10, sigma: 1);
        detector.Observe(20, T0);
        Assert.True(detector.InAlarm);

        detector.Arm(30, 2, "pipeline", "bench baseline", T0.AddHours(1));

        Assert.Equal((0.0, 0.0, 0, 0, false), (detector.CPlus, detector.CMinus, detector.NPlus, detector.NMinus, detector.InAlarm));
        Assert.Equal((30.0, 2.0), (detector.Target, detector.Sigma));
        Assert.Equal(0, detector.Observe(30, T0.AddHours(2)).Observation.CPlus);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "pipeline", "why")]
    [InlineData(1.0, -0.1, "pipeline", "why")]
    [InlineData(1.0, double.PositiveInfinity, "pipeline", "why")]
    [InlineData(1.0, 1.0, " ", "why")]
    [InlineData(1.0, 1.0, "pipeline", "")]
    public void Arm_BadInput_ThrowsAndLeavesTheDetectorLearning(double target, double sigma, string actor, string reason)
    {
        var detector = Detector.Create("r50", "recall", 0.5, 5, baselineSize: 10, sigmaFloor: 0.005);

        Assert.ThrowsAny<ArgumentException>(() => detector.Arm(target, sigma, actor, reason, T0));

        Assert.True(detector.IsLearning);
    }
}
