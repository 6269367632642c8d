using System.Diagnostics;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// When job exec runs as a Slurm batch job and its command did not succeed, Slurm itself may be why: a time limit
/// reached (Slurm sends SIGTERM, the job shows COMPLETING with reason TimeLimit), a node failure, a preemption. job exec
/// asks Slurm once, so the recorded error names Slurm's verdict (e.g. "slurm: TIMEOUT") rather than only "terminated
/// by SIGTERM". Outside Slurm, or when squeue does not answer within a few seconds, there is no verdict.
/// </summary>
internal static class SlurmVerdictQuery
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static async Task<string?> AskAsync()
    {
        var id = Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        if (string.IsNullOrEmpty(id) || !id.All(char.IsAsciiDigit)) return null;
        try
        {
            var psi = new ProcessStartInfo("squeue") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--noheader", "--states=all", "--jobs=" + id, "--format=%T|%r" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            if (p is null) return null;
            using var cts = new CancellationTokenSource(AskTimeout);
            var text = await p.StandardOutput.ReadToEndAsync(cts.Token);
            await p.WaitForExitAsync(cts.Token);
            return SlurmVerdict.OfLine(text);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
