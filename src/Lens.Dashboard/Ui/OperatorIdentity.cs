namespace Lens.Dashboard.Ui;

/// <summary>The name a person gave in their last confirmation, remembered for their session (circuit) only.</summary>
public sealed class OperatorIdentity
{
    public string Name { get; set; } = "";
}
