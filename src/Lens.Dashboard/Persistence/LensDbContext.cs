using System.Text.Json;
using Lens.Core.Alerts;
using Lens.Core.Bench;
using Lens.Core.Calibration;
using Lens.Core.Deployment;
using Lens.Core.Flags;
using Lens.Core.Gates;
using Lens.Core.Monitoring;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Core.Sentinel;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lens.Dashboard.Persistence;

public sealed class LensDbContext(DbContextOptions<LensDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<Rollout> Rollouts => Set<Rollout>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<KillSwitch> KillSwitches => Set<KillSwitch>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<GateVerdictRecord> GateVerdicts => Set<GateVerdictRecord>();
    public DbSet<MetricBucket> MetricBuckets => Set<MetricBucket>();
    public DbSet<GaugeBucket> GaugeBuckets => Set<GaugeBucket>();
    public DbSet<MetricMinuteBucket> MetricMinuteBuckets => Set<MetricMinuteBucket>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Detector> Detectors => Set<Detector>();
    public DbSet<DetectorObservation> DetectorObservations => Set<DetectorObservation>();
    public DbSet<ProbeRun> ProbeRuns => Set<ProbeRun>();
    public DbSet<BenchRun> BenchRuns => Set<BenchRun>();
    public DbSet<ScheduleMark> ScheduleMarks => Set<ScheduleMark>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ImpressionAggregate> ImpressionAggregates => Set<ImpressionAggregate>();
    public DbSet<ImpressionQuery> ImpressionQueries => Set<ImpressionQuery>();
    public DbSet<CalibrationDay> CalibrationDays => Set<CalibrationDay>();
    public DbSet<TauProposal> TauProposals => Set<TauProposal>();
    public DbSet<DeploymentPipeline> DeploymentPipelines => Set<DeploymentPipeline>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no native DateTimeOffset or decimal: store ticks and reals so queries can compare and sort them.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<decimal>().HaveConversion<double>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);

        model.Entity<ImpressionAggregate>(e =>
        {
            e.HasKey(a => new { a.Flag, a.Release, a.Variant, a.Day, a.Score });
            e.Property(a => a.Release).HasMaxLength(100);
            e.Property(a => a.Flag).HasMaxLength(100);
            e.Property(a => a.Variant).HasMaxLength(20);
            e.HasIndex(a => a.Day);
        });

        model.Entity<ImpressionQuery>(e =>
        {
            e.HasKey(q => new { q.Flag, q.Release, q.Variant, q.Day, q.QueryId });
            e.Property(q => q.Release).HasMaxLength(100);
            e.Property(q => q.QueryId).HasMaxLength(200);
            e.HasIndex(q => q.Day);
        });

        model.Entity<CalibrationDay>(e =>
        {
            e.HasKey(d => new { d.Flag, d.Day, d.Variant });
            e.Property(d => d.Flag).HasMaxLength(100);
            e.Property(d => d.Variant).HasMaxLength(20);
            e.Property(d => d.Release).HasMaxLength(100);
            e.Property(d => d.Drift).HasConversion<string>().HasMaxLength(30);
            e.Ignore(d => d.Scores);
        });

        model.Entity<TauProposal>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.Flag, p.Day });
            e.Property(p => p.Flag).HasMaxLength(100);
            e.Property(p => p.Release).HasMaxLength(100);
            e.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.MapX).HasConversion(Json<IReadOnlyList<double>>(), JsonComparer<IReadOnlyList<double>>()).HasColumnName("MapXJson");
            e.Property(p => p.MapY).HasConversion(Json<IReadOnlyList<double>>(), JsonComparer<IReadOnlyList<double>>()).HasColumnName("MapYJson");
            e.Property(p => p.Holdout).HasConversion(Json<IReadOnlyList<HoldoutDay>>(), JsonComparer<IReadOnlyList<HoldoutDay>>()).HasColumnName("HoldoutJson");
            e.Ignore(p => p.Map);
        });

        model.Entity<ApiToken>(e =>
        {
            e.HasKey(t => t.Id);
            // A name is unique among live tokens; a revoked token keeps its name in the record.
            e.HasIndex(t => t.Name).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
            e.HasIndex(t => t.Sha256).IsUnique();
            e.Property(t => t.Name).HasMaxLength(64).IsRequired();
            e.Property(t => t.Role).HasMaxLength(16).IsRequired();
            e.Property(t => t.Sha256).HasMaxLength(64).IsRequired();
            e.Ignore(t => t.IsActive);
        });

        model.Entity<Release>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Version).IsUnique();
            e.Property(r => r.Version).IsRequired();
            e.Property(r => r.Status).HasConversion<string>();
            e.Property(r => r.Decisions).HasConversion(Json<IReadOnlyList<ReleaseDecision>>(), JsonComparer<IReadOnlyList<ReleaseDecision>>()).HasColumnName("DecisionsJson");
            e.Property(r => r.Pinned).HasConversion(Json<ReleaseMark?>(), JsonComparer<ReleaseMark?>()).HasColumnName("PinnedJson");
            e.Property(r => r.Retired).HasConversion(Json<ReleaseMark?>(), JsonComparer<ReleaseMark?>()).HasColumnName("RetiredJson");
            e.Ignore(r => r.CurrentDecisions);
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
            e.Ignore(r => r.AwaitsApproval);
        });

        model.Entity<Flag>(e =>
        {
            e.HasKey(f => f.Key);
            e.Property(f => f.CalibrationX).HasConversion(Json<IReadOnlyList<double>?>(), JsonComparer<IReadOnlyList<double>?>()).HasColumnName("CalibrationXJson");
            e.Property(f => f.CalibrationY).HasConversion(Json<IReadOnlyList<double>?>(), JsonComparer<IReadOnlyList<double>?>()).HasColumnName("CalibrationYJson");
            e.Property(f => f.SubFeatures).HasConversion(Json<IReadOnlyList<SubFeature>>(), JsonComparer<IReadOnlyList<SubFeature>>()).HasColumnName("SubFeaturesJson");
            e.Ignore(f => f.Parameters);
        });

        model.Entity<DeploymentPipeline>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.Flag, p.State });
            e.Property(p => p.Version).HasMaxLength(100);
            e.Property(p => p.Flag).HasMaxLength(100);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Revision).IsConcurrencyToken();
            e.Property(p => p.Request).HasConversion(Json<DeploymentRequest>(), JsonComparer<DeploymentRequest>()).HasColumnName("RequestJson");
            e.Property(p => p.Phases).HasConversion(Json<IReadOnlyList<PhaseRecord>>(), JsonComparer<IReadOnlyList<PhaseRecord>>()).HasColumnName("PhasesJson");
            e.Property(p => p.Gates).HasConversion(Json<IReadOnlyList<GateCheck>>(), JsonComparer<IReadOnlyList<GateCheck>>()).HasColumnName("GatesJson");
            e.Property(p => p.Rollouts).HasConversion(Json<IReadOnlyList<Guid>>(), JsonComparer<IReadOnlyList<Guid>>()).HasColumnName("RolloutsJson");
            e.Ignore(p => p.IsTerminal);
            e.Ignore(p => p.ForceReason);
            e.Ignore(p => p.Current);
        });

        model.Entity<ScheduleMark>(e => e.HasKey(m => m.Job));

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
            e.HasIndex(v => v.At);
            e.Property(v => v.Verdict).HasConversion<string>();
        });

        model.Entity<MetricBucket>(e =>
        {
            e.HasKey(b => new { b.Flag, b.Variant, b.BucketStart });
            // Retention folds the oldest buckets first, across flags.
            e.HasIndex(b => b.BucketStart);
        });

        model.Entity<MetricMinuteBucket>(e =>
        {
            e.HasKey(b => new { b.Flag, b.Variant, b.MinuteStart });
            e.HasIndex(b => b.MinuteStart);
        });

        model.Entity<GaugeBucket>(e =>
        {
            e.HasKey(b => new { b.Flag, b.Variant, b.Name, b.BucketStart });
            e.HasIndex(b => new { b.Flag, b.BucketStart });
        });

        model.Entity<Alert>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Key);
            e.HasIndex(a => new { a.State, a.Severity });
            e.HasIndex(a => a.RaisedAt);
            e.HasIndex(a => a.ResolvedAt);
            e.Property(a => a.State).HasConversion<string>();
            e.Property(a => a.Source).HasConversion<string>();
            e.Property(a => a.Gates).HasConversion(Json<IReadOnlyList<GateVerdict>>(), JsonComparer<IReadOnlyList<GateVerdict>>()).HasColumnName("GatesJson");
            e.Ignore(a => a.IsOpen);
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.EventId, m.Endpoint }).IsUnique();
            e.HasIndex(m => new { m.DeliveredAt, m.GaveUpAt, m.NextAttemptAt });
            e.Ignore(m => m.IsPending);
        });

        model.Entity<Detector>(e =>
        {
            e.HasKey(d => d.Name);
            e.Property(d => d.BaselineValues).HasConversion(Json<IReadOnlyList<double>>(), JsonComparer<IReadOnlyList<double>>()).HasColumnName("BaselineValuesJson");
            e.Ignore(d => d.IsLearning);
            e.Ignore(d => d.InAlarm);
            e.Ignore(d => d.Parameters);
        });

        model.Entity<DetectorObservation>(e =>
        {
            e.HasKey(o => o.Id);
            e.HasIndex(o => new { o.Detector, o.Id });
            e.HasIndex(o => o.At);
            e.Property(o => o.Phase).HasConversion<string>();
            e.Ignore(o => o.Alarm);
        });

        model.Entity<ProbeRun>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.At);
            e.Property(r => r.Outcome).HasConversion<string>();
            e.Ignore(r => r.Passed);
        });

        model.Entity<BenchRun>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Release, r.Night });
            e.Property(r => r.Status).HasConversion<string>();
            e.Property(r => r.Verdict).HasConversion<string>();
            e.Property(r => r.MeasuresFollow).HasMaxLength(40).IsRequired();
            e.Ignore(r => r.Passed);
            e.Ignore(r => r.MeasuredLikeToday);
            e.Ignore(r => r.WasInterrupted);
        });
    }

    private static ValueConverter<T, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, LensJson.Options),
        s => JsonSerializer.Deserialize<T>(s, LensJson.Options)!);

    private static ValueComparer<T> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, LensJson.Options) == JsonSerializer.Serialize(b, LensJson.Options),
        v => JsonSerializer.Serialize(v, LensJson.Options).GetHashCode(),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, LensJson.Options), LensJson.Options)!);
}
