using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SatDaemon.Database.Providers;

#nullable disable

namespace SatDaemon.Database.Migrations.Sqlite
{
    /// <summary>frame_row_counts for SQLite: the same table as PostgreSQL's, kept by row triggers (SQLite has no statement triggers).</summary>
    [DbContext(typeof(SqliteSatDbContext))]
    [Migration("20261207195100_FrameRowCounts")]
    public partial class FrameRowCounts : Migration
    {
        private static readonly string[] ProcTables = ["master", "ifg", "rsar_ifg"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE frame_row_counts (
                    frame_id TEXT NOT NULL,
                    proc_status INTEGER NOT NULL,
                    row_count INTEGER NOT NULL,
                    CONSTRAINT pk_frame_row_counts PRIMARY KEY (frame_id, proc_status));
                """);
            migrationBuilder.Sql("""
                INSERT INTO frame_row_counts (frame_id, proc_status, row_count)
                SELECT frame_id, proc_status, count(*) FROM (
                    SELECT frame_id, proc_status FROM master UNION ALL
                    SELECT frame_id, proc_status FROM ifg UNION ALL
                    SELECT frame_id, proc_status FROM rsar_ifg)
                GROUP BY frame_id, proc_status;
                """);
            foreach (var table in ProcTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} BEGIN
                        {Add("NEW", 1)}
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table} BEGIN
                        {Add("OLD", -1)}
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_counts_update AFTER UPDATE OF frame_id, proc_status ON {table}
                    WHEN OLD.frame_id <> NEW.frame_id OR OLD.proc_status <> NEW.proc_status BEGIN
                        {Add("OLD", -1)}
                        {Add("NEW", 1)}
                    END;
                    """);
            }

            static string Add(string row, int n) =>
                $"INSERT INTO frame_row_counts (frame_id, proc_status, row_count) VALUES ({row}.frame_id, {row}.proc_status, {n}) " +
                $"ON CONFLICT (frame_id, proc_status) DO UPDATE SET row_count = row_count + ({n});";
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in ProcTables)
                foreach (var e in new[] { "insert", "delete", "update" })
                    migrationBuilder.Sql($"DROP TRIGGER {table}_counts_{e};");
            migrationBuilder.Sql("DROP TABLE frame_row_counts;");
        }
    }
}
