namespace Lens.EndToEnd.Tests.Infrastructure;

public static class DemoSettings
{
    /// <summary>The demo workload with stages short enough to watch in a test.</summary>
    public static Dictionary<string, string> Fast(string stageDuration = "00:00:06") => new()
    {
        ["Demo__Enabled"] = "true",
        ["Demo__StageDuration"] = stageDuration,
        ["Demo__RequestsPerSecond"] = "200",
        ["Demo__PauseBetweenRollouts"] = "00:10:00",
    };
}
