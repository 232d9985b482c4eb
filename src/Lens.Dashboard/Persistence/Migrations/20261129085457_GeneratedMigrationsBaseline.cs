using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lens.Dashboard.Persistence.Migrations
{
    /// <summary>
    /// Changes nothing. The four migrations before it were written by hand, without a model snapshot, so dotnet-ef could
    /// not diff against them. This one was generated (`dotnet ef migrations add GeneratedMigrationsBaseline`) to record the snapshot of a
    /// schema those four had already built; its generated body, which would have created every table again, is
    /// removed. From here on every migration is generated against the snapshot.
    /// </summary>
    public partial class GeneratedMigrationsBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
