using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SatDaemon.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: true),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bursts",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    track = table.Column<int>(type: "integer", nullable: false),
                    orbit_direction = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    swath = table.Column<string>(type: "text", nullable: false),
                    anx_id = table.Column<int>(type: "integer", nullable: false),
                    esa_burst_id = table.Column<int>(type: "integer", nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bursts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "daemon_tools",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    recreate_joblist = table.Column<bool>(type: "boolean", nullable: false),
                    power_down = table.Column<bool>(type: "boolean", nullable: false),
                    heartbeat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    daemon_host = table.Column<string>(type: "text", nullable: true),
                    daemon_pid = table.Column<int>(type: "integer", nullable: true),
                    daemon_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_joblist_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    instance_id = table.Column<string>(type: "text", nullable: true),
                    instance_binding = table.Column<string>(type: "text", nullable: true),
                    digest_sent_day = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daemon_tools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "failed_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    stage_name = table.Column<string>(type: "text", nullable: true),
                    machine = table.Column<string>(type: "text", nullable: true),
                    exit_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: false),
                    log_tail = table.Column<string>(type: "text", nullable: true),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    retried = table.Column<bool>(type: "boolean", nullable: false),
                    wall_s = table.Column<double>(type: "double precision", nullable: true),
                    cpu_s = table.Column<double>(type: "double precision", nullable: true),
                    peak_rss_mb = table.Column<double>(type: "double precision", nullable: true),
                    read_mb = table.Column<double>(type: "double precision", nullable: true),
                    write_mb = table.Column<double>(type: "double precision", nullable: true),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    target_table = table.Column<string>(type: "text", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    date2 = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_failed_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "files",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    abspath = table.Column<string>(type: "text", nullable: false),
                    mission = table.Column<string>(type: "text", nullable: false),
                    track = table.Column<int>(type: "integer", nullable: false),
                    orbit_direction = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    start_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stop_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    absolute_orbit = table.Column<int>(type: "integer", nullable: false),
                    anx_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    footprint = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    last_updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "frame_proc_stages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    min_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frame_proc_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "frames",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    track = table.Column<int>(type: "integer", nullable: false),
                    orbit_direction = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    proc_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    noupdate = table.Column<bool>(type: "boolean", nullable: false),
                    proc_start = table.Column<DateOnly>(type: "date", nullable: true),
                    proc_end = table.Column<DateOnly>(type: "date", nullable: true),
                    master_date = table.Column<DateOnly>(type: "date", nullable: true),
                    ts_stage = table.Column<int>(type: "integer", nullable: false),
                    ts_status = table.Column<int>(type: "integer", nullable: false),
                    ts_first_date = table.Column<DateOnly>(type: "date", nullable: true),
                    ts_completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    held_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    held_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frames", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ifg_proc_stages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    min_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ifg_proc_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: true),
                    machine = table.Column<string>(type: "text", nullable: true),
                    job_type = table.Column<string>(type: "text", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_ids",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_ids", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_usage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    stage_name = table.Column<string>(type: "text", nullable: false),
                    machine = table.Column<string>(type: "text", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    success = table.Column<bool>(type: "boolean", nullable: false),
                    wall_s = table.Column<double>(type: "double precision", nullable: false),
                    cpu_s = table.Column<double>(type: "double precision", nullable: false),
                    mean_cores = table.Column<double>(type: "double precision", nullable: false),
                    peak_rss_mb = table.Column<double>(type: "double precision", nullable: false),
                    read_mb = table.Column<double>(type: "double precision", nullable: false),
                    write_mb = table.Column<double>(type: "double precision", nullable: false),
                    budget_cpus = table.Column<int>(type: "integer", nullable: false),
                    budget_memory = table.Column<double>(type: "double precision", nullable: false),
                    budget_disk = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_usage", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "joblist_dirty_frames",
                columns: table => new
                {
                    frame_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_joblist_dirty_frames", x => x.frame_id);
                });

            migrationBuilder.CreateTable(
                name: "machine_drains",
                columns: table => new
                {
                    machine = table.Column<string>(type: "text", nullable: false),
                    drained_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    drained_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_machine_drains", x => x.machine);
                });

            migrationBuilder.CreateTable(
                name: "master_proc_stages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    min_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_master_proc_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pending_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    stage_rank = table.Column<int>(type: "integer", nullable: false),
                    stage_name = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    queued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    not_before = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    wait_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    wait_detail = table.Column<string>(type: "text", nullable: true),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    target_table = table.Column<string>(type: "text", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    date2 = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rsar_ifg_proc_stages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    min_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rsar_ifg_proc_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "running_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    stage_name = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    machine = table.Column<string>(type: "text", nullable: false),
                    pid = table.Column<int>(type: "integer", nullable: true),
                    slurm_job_id = table.Column<long>(type: "bigint", nullable: true),
                    cpus = table.Column<int>(type: "integer", nullable: false),
                    memory = table.Column<double>(type: "double precision", nullable: false),
                    disk = table.Column<int>(type: "integer", nullable: false),
                    progress = table.Column<double>(type: "double precision", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true),
                    log_path = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    queued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_report_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    stop_reason = table.Column<string>(type: "text", nullable: true),
                    stop_requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    kill_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_requested_by = table.Column<string>(type: "text", nullable: true),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    job_type = table.Column<string>(type: "text", nullable: false),
                    target_table = table.Column<string>(type: "text", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    date2 = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_running_jobs", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "files2bursts",
                columns: table => new
                {
                    file_id = table.Column<string>(type: "text", nullable: false),
                    burst_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_files2bursts", x => new { x.file_id, x.burst_id });
                    table.ForeignKey(
                        name: "FK_files2bursts_bursts_burst_id",
                        column: x => x.burst_id,
                        principalTable: "bursts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_files2bursts_files_file_id",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "frames2bursts",
                columns: table => new
                {
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    burst_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frames2bursts", x => new { x.frame_id, x.burst_id });
                    table.ForeignKey(
                        name: "FK_frames2bursts_bursts_burst_id",
                        column: x => x.burst_id,
                        principalTable: "bursts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_frames2bursts_frames_frame_id",
                        column: x => x.frame_id,
                        principalTable: "frames",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "frames2files",
                columns: table => new
                {
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frames2files", x => new { x.frame_id, x.file_id });
                    table.ForeignKey(
                        name: "FK_frames2files_files_file_id",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_frames2files_frames_frame_id",
                        column: x => x.frame_id,
                        principalTable: "frames",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ifg",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    proc_stage = table.Column<int>(type: "integer", nullable: false),
                    proc_status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ifg", x => x.id);
                    table.ForeignKey(
                        name: "FK_ifg_frames_frame_id",
                        column: x => x.frame_id,
                        principalTable: "frames",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "master",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    proc_stage = table.Column<int>(type: "integer", nullable: false),
                    proc_status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_master", x => x.id);
                    table.ForeignKey(
                        name: "FK_master_frames_frame_id",
                        column: x => x.frame_id,
                        principalTable: "frames",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rsar_ifg",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date1 = table.Column<DateOnly>(type: "date", nullable: false),
                    date2 = table.Column<DateOnly>(type: "date", nullable: false),
                    frame_id = table.Column<string>(type: "text", nullable: false),
                    proc_stage = table.Column<int>(type: "integer", nullable: false),
                    proc_status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rsar_ifg", x => x.id);
                    table.ForeignKey(
                        name: "FK_rsar_ifg_frames_frame_id",
                        column: x => x.frame_id,
                        principalTable: "frames",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_frame_id",
                table: "audit_log",
                column: "frame_id");

            migrationBuilder.CreateIndex(
                name: "ix_bursts_track_orbit_direction_swath_anx_id",
                table: "bursts",
                columns: new[] { "track", "orbit_direction", "swath", "anx_id" });

            migrationBuilder.CreateIndex(
                name: "ix_failed_jobs_frame_id",
                table: "failed_jobs",
                column: "frame_id");

            migrationBuilder.CreateIndex(
                name: "ix_failed_jobs_job_id",
                table: "failed_jobs",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_files_abspath",
                table: "files",
                column: "abspath");

            migrationBuilder.CreateIndex(
                name: "ix_files_track_orbit_direction_date",
                table: "files",
                columns: new[] { "track", "orbit_direction", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_files2bursts_burst_id",
                table: "files2bursts",
                column: "burst_id");

            migrationBuilder.CreateIndex(
                name: "ix_frames2bursts_burst_id",
                table: "frames2bursts",
                column: "burst_id");

            migrationBuilder.CreateIndex(
                name: "ix_frames2files_file_id",
                table: "frames2files",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_ifg_frame_id_date",
                table: "ifg",
                columns: new[] { "frame_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ifg_proc_status_frame_id",
                table: "ifg",
                columns: new[] { "proc_status", "frame_id" });

            migrationBuilder.CreateIndex(
                name: "ix_job_events_job_id",
                table: "job_events",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_events_time",
                table: "job_events",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "ix_job_usage_frame_id",
                table: "job_usage",
                column: "frame_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_usage_job_type_ended_at",
                table: "job_usage",
                columns: new[] { "job_type", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_master_frame_id",
                table: "master",
                column: "frame_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_master_proc_status",
                table: "master",
                column: "proc_status");

            migrationBuilder.CreateIndex(
                name: "ix_pending_jobs_frame_id",
                table: "pending_jobs",
                column: "frame_id");

            migrationBuilder.CreateIndex(
                name: "ix_pending_jobs_target_table_frame_id_target_id",
                table: "pending_jobs",
                columns: new[] { "target_table", "frame_id", "target_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rsar_ifg_frame_id_date1_date2",
                table: "rsar_ifg",
                columns: new[] { "frame_id", "date1", "date2" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rsar_ifg_proc_status_frame_id",
                table: "rsar_ifg",
                columns: new[] { "proc_status", "frame_id" });

            migrationBuilder.CreateIndex(
                name: "ix_running_jobs_machine",
                table: "running_jobs",
                column: "machine");

            migrationBuilder.CreateIndex(
                name: "ix_running_jobs_target_table_frame_id_target_id",
                table: "running_jobs",
                columns: new[] { "target_table", "frame_id", "target_id" },
                unique: true);

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
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "daemon_tools");

            migrationBuilder.DropTable(
                name: "failed_jobs");

            migrationBuilder.DropTable(
                name: "files2bursts");

            migrationBuilder.DropTable(
                name: "frame_proc_stages");

            migrationBuilder.DropTable(
                name: "frames2bursts");

            migrationBuilder.DropTable(
                name: "frames2files");

            migrationBuilder.DropTable(
                name: "ifg");

            migrationBuilder.DropTable(
                name: "ifg_proc_stages");

            migrationBuilder.DropTable(
                name: "job_events");

            migrationBuilder.DropTable(
                name: "job_ids");

            migrationBuilder.DropTable(
                name: "job_usage");

            migrationBuilder.DropTable(
                name: "joblist_dirty_frames");

            migrationBuilder.DropTable(
                name: "machine_drains");

            migrationBuilder.DropTable(
                name: "master");

            migrationBuilder.DropTable(
                name: "master_proc_stages");

            migrationBuilder.DropTable(
                name: "pending_jobs");

            migrationBuilder.DropTable(
                name: "rsar_ifg");

            migrationBuilder.DropTable(
                name: "rsar_ifg_proc_stages");

            migrationBuilder.DropTable(
                name: "running_jobs");

            migrationBuilder.DropTable(
                name: "trend_samples");

            migrationBuilder.DropTable(
                name: "bursts");

            migrationBuilder.DropTable(
                name: "files");

            migrationBuilder.DropTable(
                name: "frames");
        }
    }
}
