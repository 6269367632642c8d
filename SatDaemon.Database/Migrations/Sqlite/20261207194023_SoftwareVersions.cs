using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "software_version",
                table: "job_usage",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "software_version",
                table: "failed_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stage_versions",
                columns: table => new
                {
                    target_table = table.Column<string>(type: "TEXT", nullable: false),
                    target_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    frame_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
