using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommandCenter.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnalyticsIncidentTimestampIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ClosedAt",
                table: "Incidents",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_DispatchedAt",
                table: "Incidents",
                column: "DispatchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_FiledAt",
                table: "Incidents",
                column: "FiledAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ResolveDueAt",
                table: "Incidents",
                column: "ResolveDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_ClosedAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_DispatchedAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_FiledAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ResolveDueAt",
                table: "Incidents");
        }
    }
}
