using Lens.Core.Statistics;

namespace Lens.Core.Monitoring;

/// <summary>
/// A CUSUM watcher over one metric series. With a configured μ₀ and σ it monitors from the first value;
/// otherwise it first learns them from a baseline period (the mean and sample standard deviation of the first
/// <see cref="BaselineSize"/> values, σ never below <see cref="SigmaFloor"/> so a perfectly flat baseline still
/// gives a usable H). An alarm is dated from the observation that first crossed H; only a reset, with a reason,
/// zeroes the sums.
/// </summary>
public sealed class Detector
{
    private Detector() { }

    public string Name { get; private set; } = "";
    public string Metric { get; private set; } = "";
    public double K { get; private set; }
    public double H { get; private set; }
    public int BaselineSize { get; private set; }
    public double SigmaFloor { get; private set; }
    public double? Target { get; private set; }
    public double? Sigma { get; private set; }
    public IReadOnlyList<double> BaselineValues { get; private set; } = [];
    public double CPlus { get; private set; }
    public double CMinus { get; private set; }
    public int NPlus { get; private set; }
    public int NMinus { get; private set; }
    public int Monitored { get; private set; }
    public DateTimeOffset? AlarmSince { get; private set; }
    public double? LastValue { get; private set; }
    public DateTimeOffset? LastAt { get; private set; }

    public bool IsLearning => Target is null || Sigma is null;
    public bool InAlarm => AlarmSince is not null;
    public CusumParameters? Parameters => IsLearning ? null : new CusumParameters(Target!.Value, Sigma!.Value, K, H);

    public static Detector Create(string name, string metric, double k, double h, int baselineSize, double sigmaFloor, double? target = null, double? sigma = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A detector needs a name.", nameof(name));
        if (string.IsNullOrWhiteSpace(metric)) throw new ArgumentException("A detector needs a metric to watch.", nameof(metric));
        if (baselineSize < 2 && (target is null || sigma is null)) throw new ArgumentOutOfRangeException(nameof(baselineSize), "A learned baseline needs at least 2 values.");
        if (!(sigmaFloor > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaFloor), "The σ floor must be positive.");
        var detector = new Detector { Name = name, Metric = metric, K = k, H = h, BaselineSize = baselineSize, SigmaFloor = sigmaFloor, Target = target, Sigma = sigma };
        if (detector.Parameters is { } p && p.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems));
        return detector;
    }

    /// <summary>Takes one value. The returned observation says whether this value started an alarm.</summary>
    public (DetectorObservation Observation, bool AlarmStarted) Observe(double value, DateTimeOffset now)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "Observations must be finite numbers.");
        LastValue = value;
        LastAt = now;
        if (IsLearning)
        {
            BaselineValues = [.. BaselineValues, value];
            if (BaselineValues.Count >= BaselineSize) LearnBaseline();
            return (DetectorObservation.Of(Name, now, DetectorPhase.Baseline, value, 0, 0, false, false), false);
        }

        var step = CusumDetector.Next(Parameters!, new CusumStep(Monitored, 0, CPlus, CMinus, NPlus, NMinus, false, false), value);
        (Monitored, CPlus, CMinus, NPlus, NMinus) = (step.Index, step.CPlus, step.CMinus, step.NPlus, step.NMinus);
        var started = step.Alarm && AlarmSince is null;
        AlarmSince = step.Alarm ? AlarmSince ?? now : null;
        return (DetectorObservation.Of(Name, now, DetectorPhase.Monitoring, value, step.CPlus, step.CMinus, step.AlarmHigh, step.AlarmLow), started);
    }

    public DetectorObservation Reset(string actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("Resetting a detector needs who is acting and why.");
        CPlus = CMinus = 0;
        NPlus = NMinus = 0;
        AlarmSince = null;
        return DetectorObservation.Of(Name, now, DetectorPhase.Reset, null, 0, 0, false, false, $"{actor.Trim()}: {reason.Trim()}");
    }

    /// <summary>
    /// Sets μ₀ and σ from outside evidence (a bench) instead of learning them, so the detector monitors from its next
    /// value. σ is floored like a learned one; the sums and any alarm are cleared, as they were measured against the
    /// old baseline.
    /// </summary>
    public DetectorObservation Arm(double target, double sigma, string actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("Arming a detector needs who is acting and why.");
        if (!double.IsFinite(target)) throw new ArgumentOutOfRangeException(nameof(target), "μ₀ must be a finite number.");
        if (!double.IsFinite(sigma) || sigma < 0) throw new ArgumentOutOfRangeException(nameof(sigma), "σ must be a finite number, not negative.");
        Target = target;
        Sigma = Math.Max(sigma, SigmaFloor);
        BaselineValues = [];
        CPlus = CMinus = 0;
        NPlus = NMinus = 0;
        Monitored = 0;
        AlarmSince = null;
        return DetectorObservation.Of(Name, now, DetectorPhase.Reset, null, 0, 0, false, false,
            FormattableString.Invariant($"{actor.Trim()}: {reason.Trim()} (μ₀ = {Target.Value:0.######}, σ = {Sigma.Value:0.######})"));
    }

    private void LearnBaseline()
    {
        var values = BaselineValues;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        Target = mean;
        Sigma = Math.Max(Math.Sqrt(variance), SigmaFloor);
    }
}
