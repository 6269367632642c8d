using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stop_reason",
                table: "running_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "stop_requested_at",
                table: "running_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "instance_id",
                table: "daemon_tools",
                type: "TEXT",
                nullable: true);
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
