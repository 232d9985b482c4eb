namespace Lens.Core.Rollouts;

/// <summary>One thing wrong with a stage plan, naming the field as a client sent it (for example <c>stages[1].percent</c>).</summary>
public sealed record PlanError(string Field, string Message);
