using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeployAlertWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Url",
                table: "Outbox",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Url",
                table: "Outbox");
        }
    }
}
