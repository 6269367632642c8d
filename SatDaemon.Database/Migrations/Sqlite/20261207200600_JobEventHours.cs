using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SatDaemon.Database.Providers;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
{
    /// <summary>
    /// job_event_hours for SQLite, kept by a row trigger. A time is stored as "yyyy-MM-dd HH:mm:ss…" (UTC), so its
    /// first 13 characters are its hour, the same text PostgreSQL's to_char writes.
    /// </summary>
    [DbContext(typeof(SqliteSatDbContext))]
    [Migration("20261207200600_JobEventHours")]
    public partial class JobEventHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE job_event_hours (
                    hour TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    job_type TEXT NOT NULL,
                    events INTEGER NOT NULL,
                    CONSTRAINT pk_job_event_hours PRIMARY KEY (hour, kind, job_type));
                """);
            migrationBuilder.Sql("""
                INSERT INTO job_event_hours (hour, kind, job_type, events)
                SELECT substr(time, 1, 13), kind, coalesce(job_type, '?'), count(*)
                FROM job_events WHERE kind IN ('launched', 'finished', 'failed')
                GROUP BY 1, 2, 3;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER job_events_hours_insert AFTER INSERT ON job_events
                WHEN NEW.kind IN ('launched', 'finished', 'failed') BEGIN
                    INSERT INTO job_event_hours (hour, kind, job_type, events)
                    VALUES (substr(NEW.time, 1, 13), NEW.kind, coalesce(NEW.job_type, '?'), 1)
                    ON CONFLICT (hour, kind, job_type) DO UPDATE SET events = events + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER job_events_hours_insert;");
            migrationBuilder.Sql("DROP TABLE job_event_hours;");
        }
    }
}
