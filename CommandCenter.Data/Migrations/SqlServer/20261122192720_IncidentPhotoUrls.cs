using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommandCenter.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IncidentPhotoUrls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhotoUrls",
                table: "Incidents",
                type: "varchar(3609)",
                unicode: false,
                maxLength: 3609,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhotoUrls",
                table: "Incidents");
        }
    }
}
