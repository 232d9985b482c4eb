namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>The people every test dashboard has.</summary>
public static class DashboardUsers
{
    /// <summary>The default browser user: runs rollouts, answers alerts, and signs off for every role.</summary>
    public static readonly E2eUser Lead = new("lee", ["lead", "oncall", "manager"], ["engineering-lead", "product", "sre"]);

    public static readonly E2eUser Viewer = new("vic", ["viewer"], []);

    /// <summary>A manager who may decide for product only.</summary>
    public static readonly E2eUser ProductManager = new("pam", ["manager"], ["product"]);

    /// <summary>Manages people and tokens.</summary>
    public static readonly E2eUser Admin = new("ada", ["admin"], []);

    public static readonly E2eUser[] All = [Lead, Viewer, ProductManager, Admin];
}
