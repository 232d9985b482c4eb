namespace Lens.Core.Rollouts;

/// <summary>Who must approve before a stage advances on its own.</summary>
public enum ApprovalPolicy
{
    None,
    /// <summary>A person with the lead role: the stage holds, however well it does, until one approves.</summary>
    Lead,
}
