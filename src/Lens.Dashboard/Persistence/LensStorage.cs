namespace Lens.Dashboard.Persistence;

/// <summary>The resolved SQLite connection string, for the few writers that bypass EF Core on hot paths.</summary>
public sealed record LensStorage(string ConnectionString);
