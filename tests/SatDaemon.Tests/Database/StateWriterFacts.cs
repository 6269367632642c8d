using System.Text.RegularExpressions;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// Every state a job's life or an operator changes has one writing file in the production code (docs/design.md, "One
/// writer per state"). Read from the sources: each pattern is how that state can be written (an assignment to a tracked
/// entity's property, an EF bulk update, a raw SQL statement); the files where it matches must be exactly the one named.
/// A new writer elsewhere fails here with the file it is in.
/// </summary>
public sealed class StateWriterFacts(ITestOutputHelper output)
{
    private static readonly (string State, string Writer, Regex Write)[] States =
    [
        ("frame settings (proc_level, noupdate, proc range, priority, hold) and master_date", "SatDaemon.Database/Frames/FrameSettings.cs",
            new(@"\b\w+\.(ProcLevel|NoUpdate|ProcStart|ProcEnd|Priority|HeldAt|HeldBy|MasterDate)\s*=(?![=>])"
                + @"|\(\s*\w+\.(HeldAt|ProcStart)\s*,[^()]*\)\s*=(?![=>])"
                + @"|SetProperty\(\s*\w+\s*=>\s*\w+\.(ProcLevel|NoUpdate|ProcStart|ProcEnd|HeldAt|HeldBy|MasterDate)\b"
                + @"|UPDATE frames SET[^""]*\b(proc_level|noupdate|priority|held_at|master_date)\b")),
        ("proc_status and ts_status (stage rows and the time series)", "SatDaemon.JobRecords/ProcRowStates.cs",
            new(@"\b\w+\.(ProcStatus|TsStatus)\s*=(?![=>])"
                + @"|\([^()=;]*\b\w+\.(ProcStatus|TsStatus)\b[^()=;]*\)\s*=(?![=>])"
                + @"|SetProperty\(\s*\w+\s*=>\s*\w+\.(ProcStatus|TsStatus)\b"
                + @"|UPDATE (master|ifg|rsar_ifg|frames) SET[^""]*\b(proc_status|ts_status)\b"
                // A parameterised SQL assignment, however the statement's table name is put in.
                + @"|\bSET [^""]*\b(proc_status|ts_status)\s*=\s*@")),
        ("daemon flags (recreate_joblist, power_down)", "SatDaemon.Database/Jobs/DaemonFlags.cs",
            new(@"SetProperty\(\s*\w+\s*=>\s*\w+\.(RecreateJoblist|PowerDown)\b|\b\w+\.(RecreateJoblist|PowerDown)\s*=(?![=>])"
                + @"|(INSERT INTO|UPDATE) daemon_tools\b[^""]*\b(recreate_joblist|power_down)\b")),
        ("dirty frames (joblist_dirty_frames)", "SatDaemon.JobRecords/JobListDirtyFrames.cs",
            new(@"(INSERT INTO|DELETE FROM|UPDATE) joblist_dirty_frames\b|\bJobListDirtyFrames\b[^;]*\.(Add|Remove|Execute\w+)\(")),
        ("stage versions (stage_versions)", "SatDaemon.JobRecords/ProcRowStates.cs",
            new(@"\bStageVersions\b[^;]*\.(Add|AddRange|Remove|RemoveRange|Execute\w+)\(|(INSERT INTO|DELETE FROM|UPDATE) stage_versions\b")),
        ("audit rows (audit_log)", "SatDaemon.Database/Audit/AuditLog.cs",
            new(@"\bAuditLog\.(Add|AddRange|Remove|RemoveRange)\(|\bAuditLog\b[^;]*\.Execute(Delete|Update)Async|(INSERT INTO|DELETE FROM|UPDATE) audit_log\b")),
    ];

    [Fact]
    public void Each_state_has_one_writing_file()
    {
        var sources = ProductionSources().ToList();
        var wrong = new List<string>();
        foreach (var (state, writer, write) in States)
        {
            var files = sources.Where(s => write.IsMatch(s.Text)).Select(s => s.Path).ToList();
            output.WriteLine($"{state}: {string.Join(", ", files)}");
            if (files.Count != 1 || files[0] != writer) wrong.Add($"{state}: expected only {writer}, found {string.Join(", ", files)}");
        }
        Assert.Empty(wrong);
    }

    private static IEnumerable<(string Path, string Text)> ProductionSources()
    {
        foreach (var project in Directory.GetDirectories(RepoPaths.Root, "SatDaemon*").Order(StringComparer.Ordinal))
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (relative.Contains("/Migrations/") || relative.Contains("/obj/") || relative.Contains("/bin/")) continue;
            yield return (relative, File.ReadAllText(file));
        }
    }
}
