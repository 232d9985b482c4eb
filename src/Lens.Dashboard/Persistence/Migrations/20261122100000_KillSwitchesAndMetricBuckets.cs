using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lens.Dashboard.Persistence.Migrations;

// Named kill switches and persisted metric aggregates arrived after the first schema; this
// migration adds them to an existing database in place (MigrationUpgradeTests).
[DbContext(typeof(LensDbContext))]
[Migration("20261122100000_KillSwitchesAndMetricBuckets")]
public sealed class KillSwitchesAndMetricBuckets : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("KillSwitches", t => new
        {
            Name = t.Column<string>("TEXT", nullable: false),
            Active = t.Column<bool>("INTEGER", nullable: false),
            Actor = t.Column<string>("TEXT", nullable: false),
            Reason = t.Column<string>("TEXT", nullable: false),
            ChangedAt = t.Column<long>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_KillSwitches", x => x.Name));

        m.CreateTable("MetricBuckets", t => new
        {
            Flag = t.Column<string>("TEXT", nullable: false),
            Variant = t.Column<int>("INTEGER", nullable: false),
            BucketStart = t.Column<long>("INTEGER", nullable: false),
            Requests = t.Column<long>("INTEGER", nullable: false),
            Errors = t.Column<long>("INTEGER", nullable: false),
            Histogram = t.Column<byte[]>("BLOB", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MetricBuckets", x => new { x.Flag, x.Variant, x.BucketStart }));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("MetricBuckets");
        m.DropTable("KillSwitches");
    }
}
