using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobEventJobType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "job_type",
                table: "job_events",
                type: "text",
                nullable: true);

            // Rows written before the column existed: launches, ends and cancellations name their job type as the
            // first word of their message (JobStore wrote them so); progress and other rows keep null.
            migrationBuilder.Sql(
                "UPDATE job_events SET job_type = split_part(message, ' ', 1) " +
                "WHERE job_type IS NULL AND kind IN ('launched', 'finished', 'failed', 'cancelled', 'over_budget') " +
                "AND message LIKE '% %' AND message NOT LIKE 'not started:%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "job_type",
                table: "job_events");
        }
    }
}
