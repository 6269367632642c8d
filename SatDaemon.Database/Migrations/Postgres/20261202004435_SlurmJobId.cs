using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlurmJobId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "slurm_job_id",
                table: "running_jobs",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "slurm_job_id",
                table: "running_jobs");
        }
    }
}
