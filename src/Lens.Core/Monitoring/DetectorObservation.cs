namespace Lens.Core.Monitoring;

/// <summary>One point of a detector's history: the value and C⁺ / C⁻ after it, or a reset with its reason.</summary>
public sealed class DetectorObservation
{
    private DetectorObservation() { }

    public long Id { get; private set; }
    public string Detector { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public DetectorPhase Phase { get; private set; }
    public double? Value { get; private set; }
    public double CPlus { get; private set; }
    public double CMinus { get; private set; }
    public bool AlarmHigh { get; private set; }
    public bool AlarmLow { get; private set; }
    public string? Note { get; private set; }

    public bool Alarm => AlarmHigh || AlarmLow;

    public static DetectorObservation Of(string detector, DateTimeOffset at, DetectorPhase phase, double? value, double cPlus, double cMinus,
        bool alarmHigh, bool alarmLow, string? note = null) => new()
    {
        Detector = detector,
        At = at,
        Phase = phase,
        Value = value,
        CPlus = cPlus,
        CMinus = cMinus,
        AlarmHigh = alarmHigh,
        AlarmLow = alarmLow,
        Note = note,
    };
}
