using SatDaemon.Tests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using SatDaemon.Machines;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Machines;

/// <summary>
/// The daemon's stop command, run by real dash and real bash against a real session (a leader, a child that obeys
/// SIGTERM, a grandchild that ignores it): TERM stops what obeys, KILL the rest, and nothing outside the session is touched.
/// Processes are found in /proc by a marker, not by anything the code under test reports.
/// </summary>
public sealed class SessionSignalFacts
{
    [Theory]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task Term_then_kill_ends_the_whole_session_whatever_the_shell(string shell)
    {
        var marker = "5" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + ".";
        // setsid: the session's leader is the outer sh, as job exec is for a job.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        psi.ArgumentList.Add("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"(trap '' TERM; exec sleep {marker}1) & sleep {marker}2 & exec sleep {marker}3");
        using var leader = Process.Start(psi)!;
        using var bystander = Process.Start("sleep", $"{marker}9")!;
        try
        {
            await WaitFor.UntilAsync(() => ProcessCensus.Take(marker).Count >= 4, TimeSpan.FromSeconds(15));
            var sid = leader.Id;

            var term = await ShellCommand.RunAsync(shell, RemoteCommands.SignalSession(sid, "TERM"));
            await WaitFor.UntilAsync(() => ProcessCensus.Take(marker).Count <= 2, TimeSpan.FromSeconds(15));
            var afterTerm = ProcessCensus.Take(marker);
            var kill = await ShellCommand.RunAsync(shell, RemoteCommands.SignalSession(sid, "KILL"));
            await WaitFor.UntilAsync(() => ProcessCensus.Take(marker).Count <= 1, TimeSpan.FromSeconds(15));
            var afterKill = ProcessCensus.Take(marker);

            Assert.True(term.Exit == 0, $"{shell}: {term}");
            Assert.Equal("3", term.Stdout.Trim());               // leader, obeying child, TERM-proof grandchild
            Assert.Equal(2, afterTerm.Count);                     // the TERM-proof one, and the bystander
            Assert.Equal("1", kill.Stdout.Trim());
            Assert.Equal([bystander.Id], afterKill.Select(p => p.Pid));              // only the process outside the session is left
            Assert.DoesNotContain("Illegal", term.Stderr + kill.Stderr);
        }
        finally
        {
            bystander.Kill();
            try { leader.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
    }


}
