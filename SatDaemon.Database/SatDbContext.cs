using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SatDaemon.Database.Model;

namespace SatDaemon.Database;

/// <summary>
/// The processing database. Two provider-specific subclasses exist only so that each provider
/// has its own migrations; the model is this one.
/// </summary>
public abstract class SatDbContext : DbContext
{
    protected SatDbContext(DbContextOptions options) : base(options) { }

    public DbSet<SlcFile> Files => Set<SlcFile>();
    public DbSet<Burst> Bursts => Set<Burst>();
    public DbSet<FileBurst> FilesToBursts => Set<FileBurst>();
    public DbSet<Frame> Frames => Set<Frame>();
    public DbSet<FrameBurst> FramesToBursts => Set<FrameBurst>();
    public DbSet<FrameFile> FramesToFiles => Set<FrameFile>();
    public DbSet<MasterRow> Master => Set<MasterRow>();
    public DbSet<IfgRow> Ifg => Set<IfgRow>();
    public DbSet<RsarIfgRow> RsarIfg => Set<RsarIfgRow>();
    public DbSet<MasterProcStage> MasterProcStages => Set<MasterProcStage>();
    public DbSet<IfgProcStage> IfgProcStages => Set<IfgProcStage>();
    public DbSet<RsarIfgProcStage> RsarIfgProcStages => Set<RsarIfgProcStage>();
    public DbSet<FrameProcStage> FrameProcStages => Set<FrameProcStage>();
    public DbSet<DaemonTools> DaemonTools => Set<DaemonTools>();
    public DbSet<PendingJob> PendingJobs => Set<PendingJob>();
    public DbSet<RunningJob> RunningJobs => Set<RunningJob>();
    public DbSet<FailedJob> FailedJobs => Set<FailedJob>();
    public DbSet<JobEvent> JobEvents => Set<JobEvent>();
    public DbSet<MachineDrain> MachineDrains => Set<MachineDrain>();
    public DbSet<JobListDirtyFrame> JobListDirtyFrames => Set<JobListDirtyFrame>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<JobUsageRecord> JobUsage => Set<JobUsageRecord>();
    public DbSet<TrendSample> TrendSamples => Set<TrendSample>();
    public DbSet<StageVersion> StageVersions => Set<StageVersion>();

    /// <summary>True on SQLite, where geometry is stored as WKB and spatial work happens in NetTopologySuite.</summary>
    protected abstract bool GeometryAsWkb { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<SlcFile>(e =>
        {
            e.ToTable("files");
            e.Property(x => x.OrbitDirection).HasMaxLength(1);
            e.HasIndex(x => new { x.Track, x.OrbitDirection, x.Date });
            e.HasIndex(x => x.Abspath);
        });
        b.Entity<Burst>(e =>
        {
            e.ToTable("bursts");
            e.Property(x => x.OrbitDirection).HasMaxLength(1);
            e.HasIndex(x => new { x.Track, x.OrbitDirection, x.Swath, x.AnxId });
        });
        b.Entity<FileBurst>(e =>
        {
            e.ToTable("files2bursts");
            e.HasKey(x => new { x.FileId, x.BurstId });
            e.HasIndex(x => x.BurstId);
            e.HasOne<SlcFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Burst>().WithMany().HasForeignKey(x => x.BurstId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Frame>(e =>
        {
            e.ToTable("frames");
            e.Property(x => x.OrbitDirection).HasMaxLength(1);
            e.Property(x => x.ProcLevel).HasConversion(v => v.ToName(), v => ParseLevel(v)).HasMaxLength(16);
        });
        b.Entity<FrameBurst>(e =>
        {
            e.ToTable("frames2bursts");
            e.HasKey(x => new { x.FrameId, x.BurstId });
            e.HasIndex(x => x.BurstId);
            e.HasOne<Frame>().WithMany().HasForeignKey(x => x.FrameId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Burst>().WithMany().HasForeignKey(x => x.BurstId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<FrameFile>(e =>
        {
            e.ToTable("frames2files");
            e.HasKey(x => new { x.FrameId, x.FileId });
            e.HasIndex(x => x.FileId);
            e.HasOne<Frame>().WithMany().HasForeignKey(x => x.FrameId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SlcFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MasterRow>(e =>
        {
            e.ToTable("master");
            e.HasIndex(x => x.FrameId).IsUnique();
            e.HasIndex(x => x.ProcStatus);
            e.HasOne<Frame>().WithMany().HasForeignKey(x => x.FrameId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IfgRow>(e =>
        {
            e.ToTable("ifg");
            e.HasIndex(x => new { x.FrameId, x.Date }).IsUnique();
            // The job list only reads rows that are not complete; this keeps it independent of history.
            e.HasIndex(x => new { x.ProcStatus, x.FrameId });
            e.HasOne<Frame>().WithMany().HasForeignKey(x => x.FrameId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RsarIfgRow>(e =>
        {
            e.ToTable("rsar_ifg");
            e.HasIndex(x => new { x.FrameId, x.Date1, x.Date2 }).IsUnique();
            e.HasIndex(x => new { x.ProcStatus, x.FrameId });
            e.HasOne<Frame>().WithMany().HasForeignKey(x => x.FrameId).OnDelete(DeleteBehavior.Cascade);
        });
        Stages<MasterProcStage>(b, "master_proc_stages");
        Stages<IfgProcStage>(b, "ifg_proc_stages");
        Stages<RsarIfgProcStage>(b, "rsar_ifg_proc_stages");
        Stages<FrameProcStage>(b, "frame_proc_stages");
        b.Entity<DaemonTools>(e =>
        {
            e.ToTable("daemon_tools");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Entity<PendingJob>(e =>
        {
            e.ToTable("pending_jobs");
            e.HasIndex(x => new { x.TargetTable, x.FrameId, x.TargetId }).IsUnique();
            e.HasIndex(x => x.FrameId);
            e.Property(x => x.WaitReason).HasMaxLength(100);
        });
        b.Entity<RunningJob>(e =>
        {
            e.ToTable("running_jobs");
            e.Property(x => x.Id).ValueGeneratedNever();
            // One live job per target row: the database itself refuses a second launch.
            e.HasIndex(x => new { x.TargetTable, x.FrameId, x.TargetId }).IsUnique();
            e.HasIndex(x => x.Machine);
        });
        b.Entity<FailedJob>(e =>
        {
            e.ToTable("failed_jobs");
            e.HasIndex(x => x.FrameId);
            e.HasIndex(x => x.JobId);
        });
        b.Entity<JobEvent>(e =>
        {
            e.ToTable("job_events");
            e.HasIndex(x => x.JobId);
            e.HasIndex(x => x.Time);
        });
        b.Entity<JobUsageRecord>(e =>
        {
            e.ToTable("job_usage");
            // jobs usage reads by type over a time window, and by frame.
            e.HasIndex(x => new { x.JobType, x.EndedAt });
            e.HasIndex(x => x.FrameId);
        });
        b.Entity<StageVersion>(e =>
        {
            e.ToTable("stage_versions");
            // One row per row and stage: the last completed run of that stage replaces the one before.
            // A frame's time series has no row id of its own (target_id 0): the frame is part of the key.
            e.HasKey(x => new { x.TargetTable, x.FrameId, x.TargetId, x.Stage });
            e.HasIndex(x => x.FrameId);
            e.Property(x => x.Version).HasMaxLength(100);
        });
        b.Entity<TrendSample>(e =>
        {
            e.ToTable("trend_samples");
            // The console reads one machine (or the cluster) over a window; the writer deletes by age.
            e.HasIndex(x => new { x.Machine, x.At });
            e.HasIndex(x => x.At);
            e.Property(x => x.Machine).HasMaxLength(100);
            e.Property(x => x.Reasons).HasMaxLength(1000);
        });
        b.Entity<MachineDrain>(e =>
        {
            e.ToTable("machine_drains");
            e.HasKey(x => x.Machine);
        });
        b.Entity<JobListDirtyFrame>(e =>
        {
            e.ToTable("joblist_dirty_frames");
            e.HasKey(x => x.FrameId);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.Source).HasMaxLength(8);
            e.Property(x => x.Action).HasMaxLength(40);
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.FrameId);
        });
        b.Entity<JobIdSequence>(e =>
        {
            e.ToTable("job_ids");
            e.Property(x => x.Id).ValueGeneratedNever();
        });

        ApplySnakeCase(b);
        // DESIGN §4 and the seed spell this column "noupdate"; other programs read it by that name.
        b.Entity<Frame>().Property(x => x.NoUpdate).HasColumnName("noupdate");
        ConfigureGeometry(b);
    }

    public DbSet<JobIdSequence> JobIds => Set<JobIdSequence>();

    private static void Stages<T>(ModelBuilder b, string table) where T : ProcStageRow
    {
        b.Entity<T>(e =>
        {
            e.ToTable(table);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.MinLevel).HasConversion(v => v.ToName(), v => ParseLevel(v)).HasMaxLength(16);
        });
    }

    private static ProcLevel ParseLevel(string v) => ProcLevelNames.TryParse(v, out var l) ? l : ProcLevel.Off;

    private void ConfigureGeometry(ModelBuilder b)
    {
        // SQLite maps geometry through GeometryWkbConverter (see SqliteSatDbContext); PostGIS gets typed columns.
        if (GeometryAsWkb) return;
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var p in entity.GetProperties().Where(p => p.ClrType == typeof(Geometry)))
                p.SetColumnType("geometry(Geometry,4326)");
    }

    private static void ApplySnakeCase(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var p in entity.GetProperties()) p.SetColumnName(SnakeCase(p.Name));
            foreach (var k in entity.GetKeys()) k.SetName(SnakeCase("pk_" + entity.GetTableName()));
            foreach (var i in entity.GetIndexes())
                i.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join("_", i.Properties.Select(p => SnakeCase(p.Name)))}");
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
