using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommandCenter.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnalyticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentRollup",
                columns: table => new
                {
                    Granularity = table.Column<int>(type: "int", nullable: false),
                    PeriodStart = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GridId = table.Column<int>(type: "int", nullable: false),
                    CategoryId = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    HandlingUnitId = table.Column<int>(type: "int", nullable: false),
                    GridWorkerId = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<int>(type: "int", nullable: false),
                    StreetId = table.Column<int>(type: "int", nullable: false),
                    Received = table.Column<int>(type: "int", nullable: false),
                    Filed = table.Column<int>(type: "int", nullable: false),
                    Dispatched = table.Column<int>(type: "int", nullable: false),
                    Due = table.Column<int>(type: "int", nullable: false),
                    Closed = table.Column<int>(type: "int", nullable: false),
                    ClosedOnTime = table.Column<int>(type: "int", nullable: false),
                    Reworked = table.Column<int>(type: "int", nullable: false),
                    Extended = table.Column<int>(type: "int", nullable: false),
                    RespondMet = table.Column<int>(type: "int", nullable: false),
                    RespondMissed = table.Column<int>(type: "int", nullable: false),
                    ReplyMet = table.Column<int>(type: "int", nullable: false),
                    ReplyMissed = table.Column<int>(type: "int", nullable: false),
                    ResolveMet = table.Column<int>(type: "int", nullable: false),
                    ResolveMissed = table.Column<int>(type: "int", nullable: false),
                    ClosedAtGrid = table.Column<int>(type: "int", nullable: false),
                    ClosedAtCommunity = table.Column<int>(type: "int", nullable: false),
                    ClosedAtStreet = table.Column<int>(type: "int", nullable: false),
                    ClosedAtDepartment = table.Column<int>(type: "int", nullable: false),
                    ClosedAtDistrict = table.Column<int>(type: "int", nullable: false),
                    RatedVerySatisfied = table.Column<int>(type: "int", nullable: false),
                    RatedSatisfied = table.Column<int>(type: "int", nullable: false),
                    RatedNeutral = table.Column<int>(type: "int", nullable: false),
                    RatedDissatisfied = table.Column<int>(type: "int", nullable: false),
                    RatedVeryDissatisfied = table.Column<int>(type: "int", nullable: false),
                    CheckIns = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentRollup", x => new { x.Granularity, x.PeriodStart, x.GridId, x.CategoryId, x.Source, x.HandlingUnitId, x.GridWorkerId });
                });

            migrationBuilder.CreateTable(
                name: "NodeSnapshot",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    NodeCode = table.Column<string>(type: "varchar(15)", unicode: false, maxLength: 15, nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    Residents = table.Column<int>(type: "int", nullable: false),
                    Registered = table.Column<int>(type: "int", nullable: false),
                    Migrant = table.Column<int>(type: "int", nullable: false),
                    Foreign = table.Column<int>(type: "int", nullable: false),
                    Aged60Plus = table.Column<int>(type: "int", nullable: false),
                    LivingAlone = table.Column<int>(type: "int", nullable: false),
                    Children = table.Column<int>(type: "int", nullable: false),
                    Disabled = table.Column<int>(type: "int", nullable: false),
                    LeftBehind = table.Column<int>(type: "int", nullable: false),
                    SpecialCare = table.Column<int>(type: "int", nullable: false),
                    PartyMembers = table.Column<int>(type: "int", nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    GridWorkers = table.Column<int>(type: "int", nullable: false),
                    Buildings = table.Column<int>(type: "int", nullable: false),
                    Rooms = table.Column<int>(type: "int", nullable: false),
                    RentalRooms = table.Column<int>(type: "int", nullable: false),
                    VacantRooms = table.Column<int>(type: "int", nullable: false),
                    Places = table.Column<int>(type: "int", nullable: false),
                    KeyPlaces = table.Column<int>(type: "int", nullable: false),
                    Schools = table.Column<int>(type: "int", nullable: false),
                    Components = table.Column<int>(type: "int", nullable: false),
                    ComponentsFaulty = table.Column<int>(type: "int", nullable: false),
                    Devices = table.Column<int>(type: "int", nullable: false),
                    DevicesOnline = table.Column<int>(type: "int", nullable: false),
                    SosWristbands = table.Column<int>(type: "int", nullable: false),
                    Organizations = table.Column<int>(type: "int", nullable: false),
                    PartyOrganizations = table.Column<int>(type: "int", nullable: false),
                    Enterprises = table.Column<int>(type: "int", nullable: false),
                    SocialOrganizations = table.Column<int>(type: "int", nullable: false),
                    PropertyCompanies = table.Column<int>(type: "int", nullable: false),
                    OwnersCommittees = table.Column<int>(type: "int", nullable: false),
                    VolunteerTeams = table.Column<int>(type: "int", nullable: false),
                    EmergencyTeams = table.Column<int>(type: "int", nullable: false),
                    OrganizationMembers = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeSnapshot", x => new { x.Day, x.NodeCode });
                });

            migrationBuilder.CreateTable(
                name: "RollupWatermark",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    ChangesUpTo = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastRatingId = table.Column<long>(type: "bigint", nullable: false),
                    LastCheckInId = table.Column<long>(type: "bigint", nullable: false),
                    RunAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupWatermark", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRollup_Granularity_CommunityId_PeriodStart",
                table: "IncidentRollup",
                columns: new[] { "Granularity", "CommunityId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRollup_Granularity_GridId_PeriodStart",
                table: "IncidentRollup",
                columns: new[] { "Granularity", "GridId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRollup_Granularity_StreetId_PeriodStart",
                table: "IncidentRollup",
                columns: new[] { "Granularity", "StreetId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_NodeSnapshot_NodeCode_Day",
                table: "NodeSnapshot",
                columns: new[] { "NodeCode", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentRollup");

            migrationBuilder.DropTable(
                name: "NodeSnapshot");

            migrationBuilder.DropTable(
                name: "RollupWatermark");
        }
    }
}
