using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommandCenter.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ThrottleAndOpenSosAlarms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AlarmCount",
                table: "SosAlerts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "IsUnregisteredDevice",
                table: "SosAlerts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastRaisedAt",
                table: "SosAlerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastReceivedAt",
                table: "SosAlerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsUnregistered",
                table: "Devices",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FailureCounters",
                columns: table => new
                {
                    Bucket = table.Column<string>(type: "character varying(96)", unicode: false, maxLength: 96, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureCounters", x => new { x.Bucket, x.WindowStart });
                });

            // One open alarm per device: of several Raised alarms of one device, the newest stays raised.
            migrationBuilder.Sql(
                "UPDATE \"SosAlerts\" SET \"Status\" = 1, \"AcknowledgedBy\" = 'merged: one open alarm per device' " +
                "WHERE \"Status\" = 0 AND \"Id\" NOT IN (SELECT MAX(\"Id\") FROM \"SosAlerts\" WHERE \"Status\" = 0 GROUP BY \"DeviceId\")");

            migrationBuilder.CreateIndex(
                name: "IX_SosAlerts_OpenAlarmPerDevice",
                table: "SosAlerts",
                column: "DeviceId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_FailureCounters_WindowStart",
                table: "FailureCounters",
                column: "WindowStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FailureCounters");

            migrationBuilder.DropIndex(
                name: "IX_SosAlerts_OpenAlarmPerDevice",
                table: "SosAlerts");

            migrationBuilder.DropColumn(
                name: "AlarmCount",
                table: "SosAlerts");

            migrationBuilder.DropColumn(
                name: "IsUnregisteredDevice",
                table: "SosAlerts");

            migrationBuilder.DropColumn(
                name: "LastRaisedAt",
                table: "SosAlerts");

            migrationBuilder.DropColumn(
                name: "LastReceivedAt",
                table: "SosAlerts");

            migrationBuilder.DropColumn(
                name: "IsUnregistered",
                table: "Devices");
        }
    }
}
