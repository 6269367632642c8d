using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "peak_rss_mb",
                table: "failed_jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "read_mb",
                table: "failed_jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "wall_s",
                table: "failed_jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "write_mb",
                table: "failed_jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_usage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    stage_name = table.Column<string>(type: "text", nullable: false),
                    machine = table.Column<string>(type: "text", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    success = table.Column<bool>(type: "boolean", nullable: false),
                    wall_s = table.Column<double>(type: "double precision", nullable: false),
                    cpu_s = table.Column<double>(type: "double precision", nullable: false),
                    mean_cores = table.Column<double>(type: "double precision", nullable: false),
                    peak_rss_mb = table.Column<double>(type: "double precision", nullable: false),
                    read_mb = table.Column<double>(type: "double precision", nullable: false),
                    write_mb = table.Column<double>(type: "double precision", nullable: false),
                    budget_cpus = table.Column<int>(type: "integer", nullable: false),
                    budget_memory = table.Column<double>(type: "double precision", nullable: false),
                    budget_disk = table.Column<int>(type: "integer", nullable: false)
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
