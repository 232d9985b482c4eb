using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lens.Dashboard.Persistence.Migrations;

// Written by hand: the design-time tooling is not available on these machines (see STACK.md).
// MigrationSchemaTests proves that a database migrated from empty has exactly the model's schema.
[DbContext(typeof(LensDbContext))]
[Migration("20261122090000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Releases", t => new
        {
            Id = t.Column<Guid>("TEXT", nullable: false),
            Version = t.Column<string>("TEXT", nullable: false),
            ConfigJson = t.Column<string>("TEXT", nullable: false),
            Fingerprint = t.Column<string>("TEXT", nullable: false),
            CreatedAt = t.Column<long>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Releases", x => x.Id));
        m.CreateIndex("IX_Releases_Version", "Releases", "Version", unique: true);

        m.CreateTable("Rollouts", t => new
        {
            Id = t.Column<Guid>("TEXT", nullable: false),
            Flag = t.Column<string>("TEXT", nullable: false),
            ReleaseVersion = t.Column<string>("TEXT", nullable: false),
            PlanName = t.Column<string>("TEXT", nullable: true),
            State = t.Column<string>("TEXT", nullable: false),
            StageIndex = t.Column<int>("INTEGER", nullable: false),
            StagesJson = t.Column<string>("TEXT", nullable: false),
            CreatedAt = t.Column<long>("INTEGER", nullable: false),
            UpdatedAt = t.Column<long>("INTEGER", nullable: false),
            StageStartedAt = t.Column<long>("INTEGER", nullable: true),
            LastEvaluatedAt = t.Column<long>("INTEGER", nullable: true),
            LatestVerdictsJson = t.Column<string>("TEXT", nullable: false),
            FailureStreaksJson = t.Column<string>("TEXT", nullable: false),
            Revision = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Rollouts", x => x.Id));
        m.CreateIndex("IX_Rollouts_Flag", "Rollouts", "Flag");
        m.CreateIndex("IX_Rollouts_State", "Rollouts", "State");

        m.CreateTable("Flags", t => new
        {
            Key = t.Column<string>("TEXT", nullable: false),
            Salt = t.Column<string>("TEXT", nullable: false),
            Percent = t.Column<double>("REAL", nullable: false),
            Version = t.Column<long>("INTEGER", nullable: false),
            RolloutId = t.Column<Guid>("TEXT", nullable: true),
            UpdatedAt = t.Column<long>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Flags", x => x.Key));

        m.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            At = t.Column<long>("INTEGER", nullable: false),
            RolloutId = t.Column<Guid>("TEXT", nullable: true),
            Subject = t.Column<string>("TEXT", nullable: false),
            Action = t.Column<string>("TEXT", nullable: false),
            Actor = t.Column<string>("TEXT", nullable: false),
            Reason = t.Column<string>("TEXT", nullable: false),
            FromState = t.Column<string>("TEXT", nullable: true),
            ToState = t.Column<string>("TEXT", nullable: true),
            FromStage = t.Column<int>("INTEGER", nullable: true),
            ToStage = t.Column<int>("INTEGER", nullable: true),
            VerdictsJson = t.Column<string>("TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        m.CreateIndex("IX_AuditEntries_RolloutId", "AuditEntries", "RolloutId");
        m.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");

        m.CreateTable("GateVerdicts", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            RolloutId = t.Column<Guid>("TEXT", nullable: false),
            StageIndex = t.Column<int>("INTEGER", nullable: false),
            At = t.Column<long>("INTEGER", nullable: false),
            Gate = t.Column<string>("TEXT", nullable: false),
            Verdict = t.Column<string>("TEXT", nullable: false),
            Value = t.Column<double>("REAL", nullable: true),
            Threshold = t.Column<double>("REAL", nullable: false),
            Samples = t.Column<long>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_GateVerdicts", x => x.Id));
        m.CreateIndex("IX_GateVerdicts_RolloutId_At", "GateVerdicts", ["RolloutId", "At"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("GateVerdicts");
        m.DropTable("AuditEntries");
        m.DropTable("Flags");
        m.DropTable("Rollouts");
        m.DropTable("Releases");
    }
}
