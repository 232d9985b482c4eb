using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CalibrationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalibrationXJson",
                table: "Flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalibrationYJson",
                table: "Flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DriftBaselineSince",
                table: "Flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LtrFallback",
                table: "Flags",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "Tau",
                table: "Flags",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalibrationDays",
                columns: table => new
                {
                    Flag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    Queries = table.Column<long>(type: "INTEGER", nullable: false),
                    BrierRaw = table.Column<double>(type: "REAL", nullable: false),
                    BrierCalibrated = table.Column<double>(type: "REAL", nullable: false),
                    EceRaw = table.Column<double>(type: "REAL", nullable: false),
                    EceCalibrated = table.Column<double>(type: "REAL", nullable: false),
                    Tau = table.Column<double>(type: "REAL", nullable: false),
                    ResultsPerQueryAtTau = table.Column<double>(type: "REAL", nullable: false),
                    ScoreMean = table.Column<double>(type: "REAL", nullable: false),
                    ScoreStandardDeviation = table.Column<double>(type: "REAL", nullable: false),
                    Drift = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DriftSigma = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationDays", x => new { x.Flag, x.Day, x.Variant });
                });

            migrationBuilder.CreateTable(
                name: "TauProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Tau = table.Column<double>(type: "REAL", nullable: false),
                    MapXJson = table.Column<string>(type: "TEXT", nullable: false),
                    MapYJson = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    Tolerance = table.Column<double>(type: "REAL", nullable: false),
                    FittedResultsPerQuery = table.Column<double>(type: "REAL", nullable: true),
                    HoldoutJson = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TauProposals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TauProposals_Flag_Day",
                table: "TauProposals",
                columns: new[] { "Flag", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationDays");

            migrationBuilder.DropTable(
                name: "TauProposals");

            migrationBuilder.DropColumn(
                name: "CalibrationXJson",
                table: "Flags");

            migrationBuilder.DropColumn(
                name: "CalibrationYJson",
                table: "Flags");

            migrationBuilder.DropColumn(
                name: "DriftBaselineSince",
                table: "Flags");

            migrationBuilder.DropColumn(
                name: "LtrFallback",
                table: "Flags");

            migrationBuilder.DropColumn(
                name: "Tau",
                table: "Flags");
        }
    }
}
