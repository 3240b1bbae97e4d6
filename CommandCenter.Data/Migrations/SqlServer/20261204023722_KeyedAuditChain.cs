using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommandCenter.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class KeyedAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HashVersion",
                table: "AuditEntries",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastEntryId = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Signature = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.Id);
                });

            // The audit log is append-only in the database too (entries written before this migration keep HashVersion 1, plain SHA-256).
            // EXEC: CREATE TRIGGER must begin its batch, and the idempotent script wraps each statement in IF … BEGIN … END.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [dbo].[AuditEntries_NoUpdateDelete] ON [dbo].[AuditEntries] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, N''The audit log is append-only.'', 1;
                END;');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[AuditEntries_NoUpdateDelete];");

            migrationBuilder.DropTable(
                name: "AuditChainHeads");

            migrationBuilder.DropColumn(
                name: "HashVersion",
                table: "AuditEntries");
        }
    }
}
