using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImpressionAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImpressionAggregates",
                columns: table => new
                {
                    Flag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    Clicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpressionAggregates", x => new { x.Flag, x.Release, x.Variant, x.Day, x.Score });
                });

            migrationBuilder.CreateTable(
                name: "ImpressionQueries",
                columns: table => new
                {
                    Flag = table.Column<string>(type: "TEXT", nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QueryId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpressionQueries", x => new { x.Flag, x.Release, x.Variant, x.Day, x.QueryId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImpressionAggregates");

            migrationBuilder.DropTable(
                name: "ImpressionQueries");
        }
    }
}
