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
        File.WriteAllText(Path.Combine(workspace.Dir, "notes.txt"), "mine");

        var removed = workspace.Create();

        Assert.Contains(workspace.DataDir, removed);
        Assert.Contains(workspace.ConfigPath, removed);
        Assert.False(File.Exists(Path.Combine(workspace.DataDir, "old.zip")), "the earlier run's data is gone");
        Assert.Equal("mine", File.ReadAllText(Path.Combine(workspace.Dir, "notes.txt")));
        Assert.True(File.Exists(workspace.ConfigPath));
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
