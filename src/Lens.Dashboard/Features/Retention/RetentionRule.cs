namespace Lens.Dashboard.Features.Retention;

/// <summary>One line of the retention policy: what is kept, for how long, and what happens after.</summary>
public sealed record RetentionRule(RetentionKind Kind, string What, TimeSpan KeptFor, string After);
