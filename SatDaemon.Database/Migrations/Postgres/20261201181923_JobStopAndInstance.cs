using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobStopAndInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "kill_sent_at",
                table: "running_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stop_reason",
                table: "running_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "stop_requested_at",
                table: "running_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "instance_id",
                table: "daemon_tools",
                type: "text",
                nullable: true);

            // An existing installation gets its identity now, so jobs launched after the upgrade carry it.
            migrationBuilder.Sql("UPDATE daemon_tools SET instance_id = substr(md5(random()::text || clock_timestamp()::text), 1, 16) WHERE instance_id IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kill_sent_at",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "stop_reason",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "stop_requested_at",
                table: "running_jobs");

            migrationBuilder.DropColumn(
                name: "instance_id",
                table: "daemon_tools");
        }
    }
}
