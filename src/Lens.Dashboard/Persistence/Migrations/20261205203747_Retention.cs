using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MetricMinuteBuckets",
                columns: table => new
                {
                    Flag = table.Column<string>(type: "TEXT", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    MinuteStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    Histogram = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ResultSamples = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalResults = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalResultSquares = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricMinuteBuckets", x => new { x.Flag, x.Variant, x.MinuteStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_MetricBuckets_BucketStart",
                table: "MetricBuckets",
                column: "BucketStart");

            migrationBuilder.CreateIndex(
                name: "IX_ImpressionQueries_Day",
                table: "ImpressionQueries",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_ImpressionAggregates_Day",
                table: "ImpressionAggregates",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_GateVerdicts_At",
                table: "GateVerdicts",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DetectorObservations_At",
                table: "DetectorObservations",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ResolvedAt",
                table: "Alerts",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MetricMinuteBuckets_MinuteStart",
                table: "MetricMinuteBuckets",
                column: "MinuteStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MetricMinuteBuckets");

            migrationBuilder.DropIndex(
                name: "IX_MetricBuckets_BucketStart",
                table: "MetricBuckets");

            migrationBuilder.DropIndex(
                name: "IX_ImpressionQueries_Day",
                table: "ImpressionQueries");

            migrationBuilder.DropIndex(
                name: "IX_ImpressionAggregates_Day",
                table: "ImpressionAggregates");

            migrationBuilder.DropIndex(
                name: "IX_GateVerdicts_At",
                table: "GateVerdicts");

            migrationBuilder.DropIndex(
                name: "IX_DetectorObservations_At",
                table: "DetectorObservations");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_ResolvedAt",
                table: "Alerts");
        }
    }
}
