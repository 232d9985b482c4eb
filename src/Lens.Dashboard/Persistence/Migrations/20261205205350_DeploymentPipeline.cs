using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeploymentPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubFeaturesJson",
                table: "Flags",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "DeploymentPipelines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PhasesJson = table.Column<string>(type: "TEXT", nullable: false),
                    GatesJson = table.Column<string>(type: "TEXT", nullable: false),
                    RolloutsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Waiting = table.Column<string>(type: "TEXT", nullable: true),
                    WaitingUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentPipelines", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentPipelines_Flag_State",
                table: "DeploymentPipelines",
                columns: new[] { "Flag", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeploymentPipelines");

            migrationBuilder.DropColumn(
                name: "SubFeaturesJson",
                table: "Flags");
        }
    }
}
