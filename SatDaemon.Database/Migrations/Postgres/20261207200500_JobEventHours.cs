using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SatDaemon.Database.Providers;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <summary>
    /// job_event_hours: launched, finished and failed job events per UTC hour and job type, added by a statement trigger
    /// on every insert into job_events, so a 30-day chart reads ≤ 720 hours × types instead of every event (docs/web.md,
    /// Trends). Only added to: an event deleted with its frame stays counted, as it happened. Outside the EF model (no
    /// entity), read by <see cref="Trends.JobEventHours"/>. The hour is text ("2026-12-07 14", UTC), the same on SQLite.
    /// </summary>
    [DbContext(typeof(PostgresSatDbContext))]
    [Migration("20261207200500_JobEventHours")]
    public partial class JobEventHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE job_event_hours (
                    hour text NOT NULL,
                    kind text NOT NULL,
                    job_type text NOT NULL,
                    events bigint NOT NULL,
                    CONSTRAINT pk_job_event_hours PRIMARY KEY (hour, kind, job_type));

                INSERT INTO job_event_hours (hour, kind, job_type, events)
                SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), kind, coalesce(job_type, '?'), count(*)
                FROM job_events WHERE kind IN ('launched', 'finished', 'failed')
                GROUP BY 1, 2, 3;

                CREATE FUNCTION job_event_hours_add() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO job_event_hours AS h (hour, kind, job_type, events)
                    SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), kind, coalesce(job_type, '?'), count(*)
                    FROM new_rows WHERE kind IN ('launched', 'finished', 'failed')
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    ON CONFLICT (hour, kind, job_type) DO UPDATE SET events = h.events + excluded.events;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER job_events_hours_insert AFTER INSERT ON job_events REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION job_event_hours_add();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER job_events_hours_insert ON job_events; DROP FUNCTION job_event_hours_add(); DROP TABLE job_event_hours;");
        }
    }
}
