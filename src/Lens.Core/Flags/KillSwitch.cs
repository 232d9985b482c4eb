namespace Lens.Core.Flags;

/// <summary>An override that sends every flag's traffic to baseline while active, whatever state rollouts are in.</summary>
public sealed class KillSwitch
{
    public const string ManualEmergency = "manual_emergency";
    public const string ZeroResultsEmergency = "zero_results_emergency";
    public const string SearchSystemFailure = "search_system_failure";

    public static IReadOnlyList<string> Names { get; } = [ManualEmergency, ZeroResultsEmergency, SearchSystemFailure];

    /// <summary>What each switch is for. Every one has the same effect on traffic: all of it goes to baseline.</summary>
    public static string EffectOf(string name) => name switch
    {
        ZeroResultsEmergency => "Sentinel probes got zero results, errors or timeouts: every flag serves baseline until probes pass for the recovery period or a person deactivates it.",
        SearchSystemFailure => "The search system is failing (errors or timeouts everywhere): every flag serves baseline while it is investigated.",
        ManualEmergency => "A person pulled it in an emergency: every flag serves baseline until a person deactivates it.",
        _ => throw new ArgumentException($"Unknown kill switch '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };

    private KillSwitch() { }

    public string Name { get; private set; } = "";
    public bool Active { get; private set; }
    public string Actor { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    public static KillSwitch Create(string name, DateTimeOffset now)
    {
        if (!Names.Contains(name)) throw new ArgumentException($"Unknown kill switch '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        return new KillSwitch { Name = name, ChangedAt = now, Actor = "system", Reason = "created" };
    }

    /// <summary>Sets the switch; returns whether its state changed.</summary>
    public bool Set(bool active, string actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("Changing a kill switch needs an actor and a reason.");
        var changed = Active != active;
        Active = active;
        Actor = actor.Trim();
        Reason = reason.Trim();
        ChangedAt = now;
        return changed;
    }
}
