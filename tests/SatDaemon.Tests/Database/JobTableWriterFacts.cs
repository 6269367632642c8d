using System.Text.RegularExpressions;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// Each job table has one writer in the production code (SatDaemon.Database/README.md): read from the sources, every
/// EF write (Add, Remove, ExecuteUpdate, ExecuteDelete on its DbSet) and every raw INSERT/UPDATE/DELETE of the table is in
/// its one file.
/// </summary>
public sealed partial class JobTableWriterFacts(ITestOutputHelper output)
{
    [GeneratedRegex(@"\b(?<set>PendingJobs|RunningJobs|FailedJobs)\.(Add|AddRange|Remove|RemoveRange|Update)\(|\b(?<set>PendingJobs|RunningJobs|FailedJobs)\b[^;]*?\.Execute(Delete|Update)Async|(INSERT INTO|DELETE FROM|UPDATE) (?<table>pending_jobs|running_jobs|failed_jobs)\b",
        RegexOptions.Singleline)]
    private static partial Regex Write();

    [Fact]
    public void Pending_running_and_failed_jobs_each_have_one_writing_file()
    {
        var writers = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.GetDirectories(RepoPaths.Root, "SatDaemon*"))
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (relative.Contains("/Migrations/") || relative.Contains("/obj/") || relative.Contains("/bin/")) continue;
            foreach (Match m in Write().Matches(File.ReadAllText(file)))
            {
                var table = m.Groups["set"].Success
                    ? m.Groups["set"].Value switch { "PendingJobs" => "pending_jobs", "RunningJobs" => "running_jobs", _ => "failed_jobs" }
                    : m.Groups["table"].Value;
                if (!writers.TryGetValue(table, out var files)) writers[table] = files = new SortedSet<string>(StringComparer.Ordinal);
                files.Add(relative);
            }
        }
        foreach (var (table, files) in writers) output.WriteLine($"{table}: {string.Join(", ", files)}");

        Assert.Equal(["SatDaemon.JobRecords/PendingJobsTable.cs"], writers["pending_jobs"]);
        Assert.Equal(["SatDaemon.JobRecords/RunningJobsTable.cs"], writers["running_jobs"]);
        Assert.Equal(["SatDaemon.JobRecords/FailedJobsTable.cs"], writers["failed_jobs"]);
    }
}
