using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>Paths and messages full of shell syntax go over real SSH and through the JobLogger without ever being interpreted.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class InjectionFaults
{
    [ServiceFact(Needs.Ssh)]
    public async Task A_proc_dir_and_messages_full_of_shell_syntax_run_exactly_the_configured_command_over_ssh()
    {
        var pwned = Path.Combine(Path.GetTempPath(), "sdt-pwned-" + Guid.NewGuid().ToString("N")[..8]);
        // No blank before ';' or '#': in an INI value that starts a comment.
        var message = $"quotes ' \" spaces;semicolon $(touch {pwned}) `touch {pwned}` && done";
        await using var bed = await FaultBed.CreateAsync();
        var procDir = Path.Combine(bed.ProcDir, $"a b'c;$(touch {pwned})");
        bed.Config.Set("PARAMETERS", "proc_dir", procDir);
        bed.Config.Set("JOB:download", "command", "printf '%s\\n' {frame_dir}");
        // The message reaches job warn as one word: the INI value keeps it verbatim, the template's "…" keeps it whole.
        bed.Config.Set("JOB:master_slc", "command",
            $"dotnet {DaemonTestBed.ToolsDll} job warn \"{message.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "\\$").Replace("`", "\\`")}\"");
        bed.WriteConfig();
        await bed.AddFrameAsync("001A_INJECT_TEST", 2, ProcLevel.Satsar);
        await using (var daemon = bed.StartInProcess())
        {
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<MasterRow>(q => q.Where(m => m.ProcStage >= 3 || m.ProcStatus == ProcStatus.Failed)) == 1
                                                     && await bed.CountAsync<IfgRow>(q => q.Where(m => m.ProcStage >= 2 || m.ProcStatus == ProcStatus.Failed)) == 1,
                TimeSpan.FromMinutes(2), "download and master_slc done", dump: bed.Factory);
        }
        var frameDir = Path.Combine(procDir, "001A_INJECT_TEST");
        var logs = Directory.GetFiles(Path.Combine(frameDir, "logs"), "*download*.log");
        Assert.Equal(2, logs.Length);
        foreach (var log in logs)
            Assert.Contains(frameDir + "\n", await File.ReadAllTextAsync(log)); // the exact path, one argument
        Assert.False(File.Exists(pwned), "a word was run by a shell");
        await using var db = bed.Factory.Create();
        Assert.Empty((await db.FailedJobs.AsNoTracking().ToListAsync()).Select(f => $"{f.JobType}: {f.Error}\n{f.LogTail}"));
        var warning = await db.JobEvents.AsNoTracking().SingleAsync(e => e.Kind == JobEventKinds.Warning);
        Assert.Equal(message, warning.Message);
        Assert.All(await db.JobEvents.Where(e => e.Kind == JobEventKinds.Launched).ToListAsync(), e => Assert.StartsWith("ssh", e.Machine));
    }

    [Theory]
    [InlineData("001A_A;B_C")]
    [InlineData("001A_$(x)_C")]
    [InlineData("001A_A B_C")]
    [InlineData("001A_A'B_C")]
    [InlineData("001A_A\nB_C")]
    [InlineData("001A_../_C")]
    [InlineData("001A_AB_C\n")]
    public void A_frame_id_with_shell_or_path_syntax_is_refused(string id) =>
        Assert.NotNull(FrameIds.CheckFrameId(id));
}
