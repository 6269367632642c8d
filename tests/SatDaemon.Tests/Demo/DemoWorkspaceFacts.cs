using System.Diagnostics;
using SatDaemon.Demo;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Demo;

/// <summary>The demo never deletes what it did not create: a foreign folder is refused untouched, a re-run clears only its own files.</summary>
public sealed class DemoWorkspaceFacts
{
    [Fact]
    public async Task The_real_demo_refuses_a_non_empty_folder_it_did_not_make_and_leaves_it_untouched()
    {
        using var dir = new TempDirectory();
        var foreign = dir.Path("thesis");
        Directory.CreateDirectory(Path.Combine(foreign, "chapters"));
        await File.WriteAllTextAsync(Path.Combine(foreign, "chapters", "one.tex"), "years of work");
        await File.WriteAllTextAsync(Path.Combine(foreign, "satdaemon.cfg"), "not the demo's");

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { TestBinaries.DaemonDll, "demo", "--dir", foreign }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 2, $"exit {p.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("not made by the demo", stdout + stderr);
        Assert.Equal("years of work", await File.ReadAllTextAsync(Path.Combine(foreign, "chapters", "one.tex")));
        Assert.Equal("not the demo's", await File.ReadAllTextAsync(Path.Combine(foreign, "satdaemon.cfg")));
        Assert.Equal(["chapters", "satdaemon.cfg"], Directory.EnumerateFileSystemEntries(foreign).Select(Path.GetFileName).Order());
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public void A_rerun_clears_what_the_demo_wrote_and_keeps_what_someone_else_put_there()
    {
        using var dir = new TempDirectory();
        var workspace = new DemoWorkspace(dir.Path("demo"), TestBinaries.ToolsDll);
        Assert.Empty(workspace.Create());
        File.WriteAllText(Path.Combine(workspace.DataDir, "old.zip"), "demo data");
        workspace.RecordWritten(); // as the demo does once it has written its products
        File.WriteAllText(Path.Combine(workspace.Dir, "notes.txt"), "mine");

        var removed = workspace.Create();

        Assert.Contains(removed, r => r.StartsWith("1 files the demo wrote", StringComparison.Ordinal));
        Assert.Contains(workspace.ConfigPath, removed);
        Assert.False(File.Exists(Path.Combine(workspace.DataDir, "old.zip")), "the earlier run's data is gone");
        Assert.Equal("mine", File.ReadAllText(Path.Combine(workspace.Dir, "notes.txt")));
        Assert.True(File.Exists(workspace.ConfigPath));
    }

    /// <summary>
    /// Issue 29: a re-run removed foreign files placed in data/ and processing/. An earlier demo's folder (its products
    /// and a job log written as its jobs do, listed by it), foreign files put beside and inside its folders; then the
    /// real `satdaemon demo` re-runs there and is stopped once it has written its new products (the clearing is behind
    /// it). On disk: every foreign file is there with its content, the earlier run's job log is gone.
    /// </summary>
    [Fact]
    public async Task A_real_rerun_keeps_foreign_files_in_data_and_processing_and_removes_what_the_demo_wrote()
    {
        using var dir = new TempDirectory();
        var workspace = new DemoWorkspace(dir.Path("demo"), TestBinaries.ToolsDll);
        workspace.Create();
        var zips = workspace.WriteProducts(1);
        var jobLog = Path.Combine(workspace.ProcDir, DemoWorkspace.FrameId, "logs", "download_1.log");
        Directory.CreateDirectory(Path.GetDirectoryName(jobLog)!);
        File.WriteAllText(jobLog, "a job of the earlier run");
        workspace.RecordWritten();
        var foreign = new Dictionary<string, string>
        {
            [Path.Combine(workspace.DataDir, "mine.zip")] = "my own product",
            [Path.Combine(workspace.DataDir, "T064", "notes.txt")] = "notes beside the demo's products",
            [Path.Combine(workspace.ProcDir, "results", "keep.txt")] = "a result of mine",
            [Path.Combine(workspace.ProcDir, DemoWorkspace.FrameId, "logs", "reading.txt")] = "beside the demo's logs",
        };
        foreach (var (path, text) in foreign)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { TestBinaries.DaemonDll, "demo", "--dir", workspace.Dir, "--dates", "2" }) psi.ArgumentList.Add(a);
        var lines = new List<string>();
        using (var p = Process.Start(psi)!)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            try
            {
                // Past the products step the clearing is done; the rest of the run (a daemon, jobs) is not this test's.
                while (await p.StandardOutput.ReadLineAsync() is { } line)
                {
                    lines.Add(line);
                    if (line.Contains("Sentinel-1 products written", StringComparison.Ordinal)) break;
                }
            }
            finally
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
            lines.Add("stderr: " + await stderr);
        }

        var survived = foreign.Where(f => File.Exists(f.Key) && File.ReadAllText(f.Key) == f.Value).Select(f => f.Key).ToList();
        var listed = DemoManifest.Read(Path.Combine(workspace.Dir, DemoWorkspace.MarkerName)) ?? [];
        Console.WriteLine(string.Join('\n', lines));
        Console.WriteLine($"foreign files {foreign.Count}, survived unchanged {survived.Count}; earlier job log left: {File.Exists(jobLog)}; "
            + $"manifest lists {listed.Count}, of them foreign {listed.Count(l => foreign.ContainsKey(Path.Combine(workspace.Dir, l)))}; products now {zips.Count(File.Exists)} of {zips.Count}");
        Assert.Contains(lines, l => l.Contains("Sentinel-1 products written", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"kept {foreign.Count} files under data/ and processing/ that the demo did not write", StringComparison.Ordinal));
        Assert.Equal(foreign.Keys.Order(), survived.Order());
        Assert.False(File.Exists(jobLog), "the earlier run's job log is removed");
        Assert.DoesNotContain(listed, l => foreign.ContainsKey(Path.Combine(workspace.Dir, l)));
    }

    [Fact]
    public void A_folder_of_a_demo_that_kept_no_list_is_refused_untouched()
    {
        using var dir = new TempDirectory();
        var old = dir.Path("old-demo");
        Directory.CreateDirectory(Path.Combine(old, "data"));
        File.WriteAllText(Path.Combine(old, DemoWorkspace.MarkerName), "made by `satdaemon demo`; a re-run clears only what the demo wrote here\n");
        File.WriteAllText(Path.Combine(old, "data", "mine.zip"), "mine");

        var e = Assert.Throws<DemoWorkspaceException>(() => new DemoWorkspace(old, TestBinaries.ToolsDll).Create());

        Assert.Contains("did not list the files it wrote; nothing was removed", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(old, "data", "mine.zip")));
    }

    [Fact]
    public void An_empty_folder_is_used_as_it_is()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path("empty"));
        var workspace = new DemoWorkspace(dir.Path("empty"), TestBinaries.ToolsDll);
        Assert.Empty(workspace.Create());
        Assert.True(File.Exists(workspace.ConfigPath));
    }
}
