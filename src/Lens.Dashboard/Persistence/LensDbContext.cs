using System.Text.Json;
using Lens.Core.Flags;
using Lens.Core.Gates;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lens.Dashboard.Persistence;

public sealed class LensDbContext(DbContextOptions<LensDbContext> options) : DbContext(options)
{
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<Rollout> Rollouts => Set<Rollout>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<KillSwitch> KillSwitches => Set<KillSwitch>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<GateVerdictRecord> GateVerdicts => Set<GateVerdictRecord>();
    public DbSet<MetricBucket> MetricBuckets => Set<MetricBucket>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no native DateTimeOffset or decimal: store ticks and reals so queries can compare and sort them.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<decimal>().HaveConversion<double>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Release>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Version).IsUnique();
            e.Property(r => r.Version).IsRequired();
        });

        model.Entity<Rollout>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Flag);
            e.HasIndex(r => r.State);
            e.Property(r => r.State).HasConversion<string>();
            e.Property(r => r.Revision).IsConcurrencyToken();
            e.Property(r => r.Stages).HasConversion(Json<IReadOnlyList<RolloutStage>>(), JsonComparer<IReadOnlyList<RolloutStage>>()).HasColumnName("StagesJson");
            e.Property(r => r.LatestVerdicts).HasConversion(Json<IReadOnlyList<GateVerdict>>(), JsonComparer<IReadOnlyList<GateVerdict>>()).HasColumnName("LatestVerdictsJson");
            e.Property(r => r.FailureStreaks).HasConversion(Json<IReadOnlyDictionary<string, int>>(), JsonComparer<IReadOnlyDictionary<string, int>>()).HasColumnName("FailureStreaksJson");
            e.Ignore(r => r.CurrentStage);
            e.Ignore(r => r.CurrentPercent);
            e.Ignore(r => r.IsTerminal);
        });

        model.Entity<Flag>(e => e.HasKey(f => f.Key));

        model.Entity<KillSwitch>(e => e.HasKey(k => k.Name));

        model.Entity<AuditEntry>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.RolloutId);
            e.HasIndex(a => a.At);
            e.Ignore(a => a.Verdicts);
        });

        model.Entity<GateVerdictRecord>(e =>
        {
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.RolloutId, v.At });
            e.Property(v => v.Verdict).HasConversion<string>();
        });

        model.Entity<MetricBucket>(e => e.HasKey(b => new { b.Flag, b.Variant, b.BucketStart }));
    }

    private static ValueConverter<T, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, LensJson.Options),
        s => JsonSerializer.Deserialize<T>(s, LensJson.Options)!);

    private static ValueComparer<T> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, LensJson.Options) == JsonSerializer.Serialize(b, LensJson.Options),
        v => JsonSerializer.Serialize(v, LensJson.Options).GetHashCode(),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, LensJson.Options), LensJson.Options)!);
}
