using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrendSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "trend_samples",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    machine = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    running = table.Column<int>(type: "INTEGER", nullable: false),
                    pending = table.Column<int>(type: "INTEGER", nullable: false),
                    reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    cpus = table.Column<int>(type: "INTEGER", nullable: false),
                    memory = table.Column<double>(type: "REAL", nullable: false),
                    disk = table.Column<int>(type: "INTEGER", nullable: false),
                    cpus_budget = table.Column<int>(type: "INTEGER", nullable: false),
                    memory_budget = table.Column<double>(type: "REAL", nullable: false),
                    disk_budget = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trend_samples", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trend_samples_at",
                table: "trend_samples",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_trend_samples_machine_at",
                table: "trend_samples",
                columns: new[] { "machine", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trend_samples");
        }
    }
}
