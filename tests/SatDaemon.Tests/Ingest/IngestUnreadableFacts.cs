using System.Diagnostics;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>
/// ingest-files over a data directory with a track folder it cannot read, run by the real executable as an ordinary
/// user (root reads everything, so as root the test runs the tool as the services' ssh user through runuser): the
/// folder is named on stderr, the readable zips still go in, and the exit code is 1 so cron can tell.
/// </summary>
public sealed class IngestUnreadableFacts
{
    [ServiceFact(Needs.Ssh)]
    public async Task An_unreadable_track_folder_is_reported_and_the_exit_code_says_so()
    {
        var root = Path.Combine(SshMachines.Scratch, "ingest-unreadable-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(Path.Combine(data, "T132"));
        Directory.CreateDirectory(Path.Combine(data, "T081"));
        File.Copy(TestData.Path("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip"),
            Path.Combine(data, "T132", "S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip"));
        File.Copy(TestData.Path("S1A_IW_SLC__1SDV_20221016T015043_20221016T015111_045461_056FC0_6681.zip"),
            Path.Combine(data, "T081", "S1A_IW_SLC__1SDV_20221016T015043_20221016T015111_045461_056FC0_6681.zip"));
        var config = Path.Combine(root, "satdaemon.cfg");
        await File.WriteAllTextAsync(config, $"""
            [PARAMETERS]
            database = sqlite:///{root}/sat.db
            data_dir = {data}
            [PROC_MACHINES]
            names = local
            [PROC_MACHINES:local]
            transport = local
            cpus = 1
            memory = 1
            """);
        var asRoot = Environment.UserName == "root";
        if (asRoot) ChownTree(root, SshMachines.User);
        try
        {
            Assert.Equal(0, (await RunAsync(asRoot, "init-database", "-d", config)).Exit);
            File.SetUnixFileMode(Path.Combine(data, "T081"), UnixFileMode.None);

            var (exit, stdout, stderr) = await RunAsync(asRoot, "ingest-files", "-d", config);

            Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Contains($"unreadable {Path.Combine(data, "T081")}", stderr);
            Assert.Contains("added 1", stdout);
            Assert.Contains("1 folder(s) unreadable", stdout);
            Assert.DoesNotContain("   at ", stdout + stderr);
        }
        finally
        {
            File.SetUnixFileMode(Path.Combine(data, "T081"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (asRoot) ChownTree(root, "root");
            Directory.Delete(root, recursive: true);
        }
    }

    private static void ChownTree(string path, string user)
    {
        using var p = Process.Start("chown", ["-R", user, path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(bool asRoot, params string[] args)
    {
        var psi = new ProcessStartInfo(asRoot ? "runuser" : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot) foreach (var a in new[] { "-u", SshMachines.User, "--", "dotnet" }) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(TestBinaries.ToolsDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
