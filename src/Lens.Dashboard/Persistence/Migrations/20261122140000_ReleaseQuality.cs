using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lens.Dashboard.Persistence.Migrations;

// Release quality: a release's sign-off state and decisions, and its benches (final and nightly) with their result files.
[DbContext(typeof(LensDbContext))]
[Migration("20261122140000_ReleaseQuality")]
public sealed class ReleaseQuality : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // Releases created before sign-off existed are candidates with no decisions yet.
        m.AddColumn<string>("Status", "Releases", "TEXT", nullable: false, defaultValue: "Candidate");
        m.AddColumn<string>("DecisionsJson", "Releases", "TEXT", nullable: false, defaultValue: "[]");
        m.AddColumn<string>("PromotedBy", "Releases", "TEXT", nullable: true);
        m.AddColumn<long>("PromotedAt", "Releases", "INTEGER", nullable: true);

        m.CreateTable("BenchRuns", t => new
        {
            Id = t.Column<Guid>("TEXT", nullable: false),
            Release = t.Column<string>("TEXT", nullable: false),
            Source = t.Column<string>("TEXT", nullable: false),
            Slice = t.Column<string>("TEXT", nullable: true),
            Night = t.Column<DateOnly>("TEXT", nullable: true),
            StartedBy = t.Column<string>("TEXT", nullable: false),
            Status = t.Column<string>("TEXT", nullable: false),
            StartedAt = t.Column<long>("INTEGER", nullable: false),
            FinishedAt = t.Column<long>("INTEGER", nullable: true),
            QueriesDone = t.Column<int>("INTEGER", nullable: false),
            QueriesTotal = t.Column<int>("INTEGER", nullable: false),
            Verdict = t.Column<string>("TEXT", nullable: true),
            NdcgDelta = t.Column<double>("REAL", nullable: true),
            RecallDelta = t.Column<double>("REAL", nullable: true),
            ResultsJson = t.Column<string>("TEXT", nullable: true),
            SummaryMarkdown = t.Column<string>("TEXT", nullable: true),
            MetricsCsv = t.Column<string>("TEXT", nullable: true),
            Error = t.Column<string>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_BenchRuns", x => x.Id));
        m.CreateIndex("IX_BenchRuns_Release_Night", "BenchRuns", ["Release", "Night"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("BenchRuns");
        m.DropColumn("PromotedAt", "Releases");
        m.DropColumn("PromotedBy", "Releases");
        m.DropColumn("DecisionsJson", "Releases");
        m.DropColumn("Status", "Releases");
    }
}
