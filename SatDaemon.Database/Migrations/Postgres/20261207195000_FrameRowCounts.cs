using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SatDaemon.Database.Providers;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <summary>
    /// frame_row_counts: master + ifg + rsar_ifg rows per frame and proc_status, kept by statement triggers so the
    /// console's frames list and map read O(frames) rows instead of counting 10^5 (docs/performance.md). Outside the EF
    /// model (no entity): written only by these triggers, read by <see cref="Frames.FrameRowCounts"/>.
    /// </summary>
    [DbContext(typeof(PostgresSatDbContext))]
    [Migration("20261207195000_FrameRowCounts")]
    public partial class FrameRowCounts : Migration
    {
        private static readonly string[] ProcTables = ["master", "ifg", "rsar_ifg"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One function for the three events: a statement's transition table is counted by frame and status and
            // added (insert), subtracted (delete) or both (update) in one upsert, in (frame_id, proc_status) order so
            // two transactions lock the counters in the same order. Rows whose status did not change net to zero and
            // are skipped. A deleted frame's counters net to zero and stay (no foreign key: the cascade deletes its
            // rows after the frame).
            migrationBuilder.Sql("""
                CREATE TABLE frame_row_counts (
                    frame_id text NOT NULL,
                    proc_status integer NOT NULL,
                    row_count bigint NOT NULL,
                    CONSTRAINT pk_frame_row_counts PRIMARY KEY (frame_id, proc_status));

                INSERT INTO frame_row_counts (frame_id, proc_status, row_count)
                SELECT frame_id, proc_status, count(*) FROM (
                    SELECT frame_id, proc_status FROM master UNION ALL
                    SELECT frame_id, proc_status FROM ifg UNION ALL
                    SELECT frame_id, proc_status FROM rsar_ifg) r
                GROUP BY frame_id, proc_status;

                CREATE FUNCTION frame_row_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO frame_row_counts AS c (frame_id, proc_status, row_count)
                        SELECT frame_id, proc_status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
                        ON CONFLICT (frame_id, proc_status) DO UPDATE SET row_count = c.row_count + excluded.row_count;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO frame_row_counts AS c (frame_id, proc_status, row_count)
                        SELECT frame_id, proc_status, -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
                        ON CONFLICT (frame_id, proc_status) DO UPDATE SET row_count = c.row_count + excluded.row_count;
                    ELSE
                        INSERT INTO frame_row_counts AS c (frame_id, proc_status, row_count)
                        SELECT frame_id, proc_status, sum(n) FROM (
                            SELECT frame_id, proc_status, 1 AS n FROM new_rows UNION ALL
                            SELECT frame_id, proc_status, -1 FROM old_rows) d
                        GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
                        ON CONFLICT (frame_id, proc_status) DO UPDATE SET row_count = c.row_count + excluded.row_count;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in ProcTables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION frame_row_counts_track();
                    CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION frame_row_counts_track();
                    CREATE TRIGGER {table}_counts_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION frame_row_counts_track();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in ProcTables)
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_counts_insert ON {table};
                    DROP TRIGGER {table}_counts_delete ON {table};
                    DROP TRIGGER {table}_counts_update ON {table};
                    """);
            migrationBuilder.Sql("DROP FUNCTION frame_row_counts_track(); DROP TABLE frame_row_counts;");
        }
    }
}
