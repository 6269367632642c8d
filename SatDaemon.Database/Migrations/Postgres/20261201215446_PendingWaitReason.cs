using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PendingWaitReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "wait_reason",
                table: "pending_jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "wait_reason",
                table: "pending_jobs");
        }
    }
}
