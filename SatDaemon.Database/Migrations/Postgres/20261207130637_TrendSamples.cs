using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    machine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    running = table.Column<int>(type: "integer", nullable: false),
                    pending = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    cpus = table.Column<int>(type: "integer", nullable: false),
                    memory = table.Column<double>(type: "double precision", nullable: false),
                    disk = table.Column<int>(type: "integer", nullable: false),
                    cpus_budget = table.Column<int>(type: "integer", nullable: false),
                    memory_budget = table.Column<double>(type: "double precision", nullable: false),
                    disk_budget = table.Column<int>(type: "integer", nullable: false)
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
