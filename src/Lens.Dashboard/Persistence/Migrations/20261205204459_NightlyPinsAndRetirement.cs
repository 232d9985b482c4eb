using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NightlyPinsAndRetirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PinnedJson",
                table: "Releases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetiredJson",
                table: "Releases",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PinnedJson",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "RetiredJson",
                table: "Releases");
        }
    }
}
