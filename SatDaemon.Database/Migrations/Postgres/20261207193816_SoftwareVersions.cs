using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SoftwareVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "software_version",
                table: "running_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "software_version",
                table: "job_usage",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "software_version",
                table: "failed_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stage_versions",
                columns: table => new
                {
                    target_table = table.Column<string>(type: "text", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_versions", x => new { x.target_table, x.frame_id, x.target_id, x.stage });
                });

            migrationBuilder.CreateIndex(
                name: "ix_stage_versions_frame_id",
                table: "stage_versions",
                column: "frame_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stage_versions");

            migrationBuilder.DropColumn(
                name: "software_version",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "software_version",
                table: "job_usage");

            migrationBuilder.DropColumn(
                name: "software_version",
                table: "failed_jobs");
        }
    }
}
