using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BenchMeasuresReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MeasuresFollow",
                table: "BenchRuns",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                // Every bench stored before this migration followed trec_eval 9's nDCG discount: say so, do not recompute
                // (the raw runs of live benches were never kept).
                defaultValue: "trec_eval 9");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MeasuresFollow",
                table: "BenchRuns");
        }
    }
}
