using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "cpu_s",
                table: "failed_jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "peak_rss_mb",
                table: "failed_jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "read_mb",
                table: "failed_jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "wall_s",
                table: "failed_jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "write_mb",
                table: "failed_jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_usage",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    frame_id = table.Column<string>(type: "TEXT", nullable: false),
                    job_type = table.Column<string>(type: "TEXT", nullable: false),
                    stage_name = table.Column<string>(type: "TEXT", nullable: false),
                    machine = table.Column<string>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    success = table.Column<bool>(type: "INTEGER", nullable: false),
                    wall_s = table.Column<double>(type: "REAL", nullable: false),
                    cpu_s = table.Column<double>(type: "REAL", nullable: false),
                    mean_cores = table.Column<double>(type: "REAL", nullable: false),
                    peak_rss_mb = table.Column<double>(type: "REAL", nullable: false),
                    read_mb = table.Column<double>(type: "REAL", nullable: false),
                    write_mb = table.Column<double>(type: "REAL", nullable: false),
                    budget_cpus = table.Column<int>(type: "INTEGER", nullable: false),
                    budget_memory = table.Column<double>(type: "REAL", nullable: false),
                    budget_disk = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_usage", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_usage_frame_id",
                table: "job_usage",
                column: "frame_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_usage_job_type_ended_at",
                table: "job_usage",
                columns: new[] { "job_type", "ended_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_usage");

            migrationBuilder.DropColumn(
                name: "cpu_s",
                table: "failed_jobs");

            migrationBuilder.DropColumn(
                name: "peak_rss_mb",
                table: "failed_jobs");

            migrationBuilder.DropColumn(
                name: "read_mb",
                table: "failed_jobs");

            migrationBuilder.DropColumn(
                name: "wall_s",
                table: "failed_jobs");

            migrationBuilder.DropColumn(
                name: "write_mb",
                table: "failed_jobs");
        }
    }
}
