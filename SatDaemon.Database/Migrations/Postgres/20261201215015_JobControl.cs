using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "cancel_requested_at",
                table: "running_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancel_requested_by",
                table: "running_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "queued_at",
                table: "running_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "held_at",
                table: "frames",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "held_by",
                table: "frames",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "machine_drains",
                columns: table => new
                {
                    machine = table.Column<string>(type: "text", nullable: false),
                    drained_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    drained_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_machine_drains", x => x.machine);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "machine_drains");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "cancel_requested_by",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "queued_at",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "held_at",
                table: "frames");

            migrationBuilder.DropColumn(
                name: "held_by",
                table: "frames");
        }
    }
}
