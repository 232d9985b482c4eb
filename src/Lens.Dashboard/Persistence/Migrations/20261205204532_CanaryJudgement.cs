using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CanaryJudgement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "Rollouts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApprovedStageIndex",
                table: "Rollouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepBackBreaches",
                table: "Rollouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "WaitingFor",
                table: "Rollouts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GaugeBuckets",
                columns: table => new
                {
                    Flag = table.Column<string>(type: "TEXT", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    BucketStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Samples = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<double>(type: "REAL", nullable: false),
                    Min = table.Column<double>(type: "REAL", nullable: false),
                    Max = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GaugeBuckets", x => new { x.Flag, x.Variant, x.Name, x.BucketStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_GaugeBuckets_Flag_BucketStart",
                table: "GaugeBuckets",
                columns: new[] { "Flag", "BucketStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GaugeBuckets");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "ApprovedStageIndex",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "StepBackBreaches",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "WaitingFor",
                table: "Rollouts");
        }
    }
}
