using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;

namespace SatDaemon.Tests.Machines;

/// <summary>Reading `ps -eo pid=,sid=,stat=,args=`: whose job exec is whose, and what is left of a session.</summary>
public sealed class MachineProcessesFacts
{
    private const string Us = "a1b2c3d4e5f60718";
    private const string Them = "ffff000011112222";

    [Fact]
    public void A_job_exec_is_ours_only_with_our_identity()
    {
        var ps = $"""
              100   100 Ss   /opt/satdaemon/satdaemon-tools job exec --instance {Us} --job-id 7 -d /etc/s.cfg --log /p/l.log -- /bin/run
              200   200 Ss   /opt/other/satdaemon-tools job exec --instance {Them} --job-id 8 -d /x.cfg --log /q.log -- /bin/run
            """;
        var p = MachineProcesses.Parse(ps);
        Assert.Equal(100, p.JobExecPid(Us, 7, null));
        Assert.Null(p.JobExecPid(Us, 8, null));   // colliding ids of another installation
        Assert.Null(p.JobExecPid(Us, 8, 200));    // even at the pid we recorded: its identity says it is not ours
        Assert.Equal(200, p.JobExecPid(Them, 8, null));
    }

    [Fact]
    public void A_tools_path_with_a_space_and_the_dll_form_are_recognised()
    {
        var ps = $"""
              300   300 Ss   /opt/sat daemon/satdaemon-tools job exec --instance {Us} --job-id 11 -d /c.cfg --log /l.log -- /bin/x
              301   301 Ss   dotnet /opt/sat daemon/satdaemon-tools.dll job exec --instance {Us} --job-id 12 -d /c.cfg --log /l.log -- /bin/x
            """;
        var p = MachineProcesses.Parse(ps);
        Assert.Equal(300, p.JobExecPid(Us, 11, null));
        Assert.Equal(301, p.JobExecPid(Us, 12, null));
    }

    [Fact]
    public void The_native_job_exec_launched_with_job_exec_is_recognised_from_its_launch_line()
    {
        // [PARAMETERS] job_exec names the native file; the launch line keeps "job exec" after it (docs/job-protocol.md).
        var launch = RemoteCommands.Launch("/opt/satdaemon/satdaemon-job-exec", "/etc/s.cfg", Us, 21, "/p/logs/job-21.log", ["/bin/run", "x"]);
        var args = launch[launch.IndexOf("/opt/satdaemon/satdaemon-job-exec", StringComparison.Ordinal)..launch.IndexOf(" >>", launch.IndexOf("setsid", StringComparison.Ordinal), StringComparison.Ordinal)]
            .Replace("'", "", StringComparison.Ordinal);
        var p = MachineProcesses.Parse($"  400   400 Ss   {args}\n");
        Assert.StartsWith("/opt/satdaemon/satdaemon-job-exec job exec --instance", args, StringComparison.Ordinal);
        Assert.Equal(400, p.JobExecPid(Us, 21, null));
    }

    [Fact]
    public void A_jobs_own_arguments_never_pose_as_a_job_exec()
    {
        var ps = $"""
              401   401 Ss   /opt/t/satdaemon-tools job exec --instance {Us} --job-id 14 -d /c --log /l -- /bin/echo job exec --instance {Us} --job-id 15
            """;
        var p = MachineProcesses.Parse(ps);
        Assert.Equal(401, p.JobExecPid(Us, 14, null));
        Assert.Null(p.JobExecPid(Us, 15, null));
    }

    [Fact]
    public void A_line_without_identity_counts_only_at_the_recorded_pid()
    {
        var p = MachineProcesses.Parse("  500   500 Ss   /opt/t/satdaemon-tools job exec --job-id 21 -d /c --log /l -- /bin/x\n");
        Assert.Equal(500, p.JobExecPid(Us, 21, 500));
        Assert.Null(p.JobExecPid(Us, 21, 499));
        Assert.Null(p.JobExecPid(Us, 21, null));
    }

    [Fact]
    public void Members_of_a_session_without_its_leader_are_orphans_and_zombies_do_not_count()
    {
        var ps = """
              600   600 Ss   /opt/t/satdaemon-tools job exec --instance a1b2c3d4e5f60718 --job-id 30 -d /c --log /l -- /bin/x
              601   600 S    /bin/x
              700   700 Z    [satdaemon-tools] <defunct>
              702   700 S    sleep 600
              703   700 Z    [sh] <defunct>
              800   800 Z    [gone] <defunct>
              801   800 Z    [gone] <defunct>
            """;
        var p = MachineProcesses.Parse(ps);
        Assert.Equal(2, p.SessionSize(600));
        Assert.Equal(0, p.Orphans(600));  // leader alive: a running job, not orphans
        Assert.Equal(1, p.Orphans(700));  // leader a zombie: one live member left
        Assert.Equal(0, p.Orphans(800));  // nothing but zombies: nothing holds cpu or memory
        Assert.Equal(0, p.Orphans(900));
    }

    [Fact]
    public void Each_job_is_read_for_the_decider_as_alive_orphans_or_nothing()
    {
        var ps = $"""
              600   600 Ss   /opt/t/satdaemon-tools job exec --instance {Us} --job-id 30 -d /c --log /l -- /bin/x
              601   600 S    /bin/x
              702   700 S    sleep 600
              703   700 S    sleep 601
            """;
        var p = MachineProcesses.Parse(ps);
        var alive = p.ReadingOf(Us, 30, recordedPid: 600);
        var orphans = p.ReadingOf(Us, 31, recordedPid: 700);   // job exec (700) gone, two of its session left
        var nothing = p.ReadingOf(Us, 32, recordedPid: 900);
        var unlaunched = p.ReadingOf(Us, 33, recordedPid: null);
        Assert.Equal(new ProcessReading(ProcessSeen.JobExecAlive, 600, 2), alive);
        Assert.Equal(new ProcessReading(ProcessSeen.OrphansOnly, 700, 2), orphans);
        Assert.Equal(ProcessReading.Nothing, nothing);
        Assert.Equal(ProcessReading.Nothing, unlaunched);
    }

    /// <summary>
    /// Issue 29 (JobExecKillFaults under load: one orphan, one retry beside a live run): a SIGKILLed job exec is caught
    /// by `ps` exiting — not yet a zombie, its command line already gone ("[dotnet]") — while its command still runs.
    /// That session is the job's, leader included, so the job reads as orphans (stopped first), never as gone. A pid
    /// reused by another session's member, or by a leader with a real command line, is not ours.
    /// </summary>
    [Fact]
    public void A_job_exec_caught_exiting_leaves_its_session_as_orphans_not_as_nothing()
    {
        var ps = $"""
              700   700 R    [dotnet]
              702   700 S    sleep 600
              703   700 S    /bin/sh /tmp/ledger-job.sh
              800   800 D    [dotnet]
              900   900 Ss   -bash
              950   940 S    sleep 5
            """;
        var p = MachineProcesses.Parse(ps);
        var dying = p.ReadingOf(Us, 31, recordedPid: 700);
        var dyingAlone = p.ReadingOf(Us, 32, recordedPid: 800);
        var reusedByLogin = p.ReadingOf(Us, 33, recordedPid: 900);
        var reusedByMember = p.ReadingOf(Us, 34, recordedPid: 950);
        Assert.Equal(new ProcessReading(ProcessSeen.OrphansOnly, 700, 3), dying);
        Assert.Equal(new ProcessReading(ProcessSeen.OrphansOnly, 800, 1), dyingAlone);
        Assert.Equal(ProcessReading.Nothing, reusedByLogin);
        Assert.Equal(ProcessReading.Nothing, reusedByMember);
    }
}
