using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RelativeGates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InconclusiveStreak",
                table: "Rollouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);



            migrationBuilder.AddColumn<double>(
                name: "Lower",
                table: "GateVerdicts",
                type: "REAL",
                nullable: true);


            migrationBuilder.AddColumn<double>(
                name: "Upper",
                table: "GateVerdicts",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InconclusiveStreak",
                table: "Rollouts");



            migrationBuilder.DropColumn(
                name: "Lower",
                table: "GateVerdicts");


            migrationBuilder.DropColumn(
                name: "Upper",
                table: "GateVerdicts");
        }
    }
}
