using SatDaemon.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database.Model;
using SatDaemon.Database.Providers;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Init;

/// <summary>Creates the database (and PostGIS) when missing, applies migrations, seeds stages and daemon_tools. Idempotent.</summary>
public sealed class DatabaseInitializer(SatDbFactory factory)
{
    public async Task<InitReport> InitializeAsync(CancellationToken ct = default)
    {
        var report = new InitReport();
        if (factory.Url.Provider == DatabaseProvider.PostgreSql)
            report.DatabaseCreated = await CreatePostgresDatabaseIfMissingAsync(ct);
        else
        {
            factory.PrepareSqliteFile();
        }

        await using (var db = factory.Create())
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "0A000" or "58P01")
            {
                throw new InvalidOperationException(
                    $"cannot create the PostGIS extension in {factory.Url.DisplayName} ({e.MessageText}): install postgresql-15-postgis-3 and let a superuser run CREATE EXTENSION postgis", e);
            }
            report.MigrationsApplied.AddRange(pending.Select(m => m.Contains('_') ? m[(m.IndexOf('_') + 1)..] : m));
        }

        await using (var db = factory.Create())
        {
            report.StagesSeeded = await SeedStagesAsync(db, ct);
            if (!await db.DaemonTools.AnyAsync(ct))
            {
                db.DaemonTools.Add(new DaemonTools { Id = 1, InstanceId = JobProtocol.InstanceIdentity.New() });
                report.DaemonToolsCreated = true;
            }
            if (!await db.JobIds.AnyAsync(ct)) db.JobIds.Add(new JobIdSequence { Id = 1, LastId = 0 });
            await db.SaveChangesAsync(ct);
        }
        return report;
    }

    private static async Task<int> SeedStagesAsync(SatDbContext db, CancellationToken ct)
    {
        var added = 0;
        foreach (var s in DefaultChain.Stages)
        {
            var exists = s.Table switch
            {
                TargetTables.Master => await db.MasterProcStages.AnyAsync(x => x.Id == s.Order, ct),
                TargetTables.Ifg => await db.IfgProcStages.AnyAsync(x => x.Id == s.Order, ct),
                TargetTables.RsarIfg => await db.RsarIfgProcStages.AnyAsync(x => x.Id == s.Order, ct),
                _ => await db.FrameProcStages.AnyAsync(x => x.Id == s.Order, ct),
            };
            if (exists) continue;
            // Existing rows are left alone: an operator may have edited a stage's job type.
            switch (s.Table)
            {
                case TargetTables.Master: db.MasterProcStages.Add(Fill(new MasterProcStage { Name = s.Name, JobType = s.JobType }, s)); break;
                case TargetTables.Ifg: db.IfgProcStages.Add(Fill(new IfgProcStage { Name = s.Name, JobType = s.JobType }, s)); break;
                case TargetTables.RsarIfg: db.RsarIfgProcStages.Add(Fill(new RsarIfgProcStage { Name = s.Name, JobType = s.JobType }, s)); break;
                default: db.FrameProcStages.Add(Fill(new FrameProcStage { Name = s.Name, JobType = s.JobType }, s)); break;
            }
            added++;
        }
        return added;
    }

    private static T Fill<T>(T row, DefaultChain.StageDef s) where T : ProcStageRow
    {
        row.Id = s.Order;
        row.Order = s.Order;
        row.MinLevel = s.MinLevel;
        row.Rank = s.Rank;
        return row;
    }

    private async Task<bool> CreatePostgresDatabaseIfMissingAsync(CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString);
        var name = target.Database ?? throw new InvalidOperationException("the database URL names no database");
        var admin = new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"cannot connect to PostgreSQL for {factory.Url.DisplayName}: {e.Message}", e);
        }
        await using (var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn))
        {
            check.Parameters.AddWithValue("n", name);
            if (await check.ExecuteScalarAsync(ct) is not null) return false;
        }
        // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
        var quoted = "\"" + name.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, conn);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == "42P04")
        {
            return false; // created meanwhile by another init-database
        }
        return true;
    }
}
