using SatDaemon.Tests.Infrastructure;
using System.Diagnostics;
using SatDaemon.Machines;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// The launch line the daemon sends to a machine, run through a real /bin/sh with a fake tools script that writes its
/// argv NUL-separated: every word arrives exactly as given, and nothing in it is ever executed.
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class ShellInjectionFacts : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sdt-quote-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _pwned;

    public ShellInjectionFacts()
    {
        Directory.CreateDirectory(_dir);
        _pwned = Path.Combine(_dir, "pwned");
    }

    public static TheoryData<string> Nasty => new()
    {
        "plain",
        "with space",
        "it's",
        "a b'c;$(touch PWNED)",
        "`touch PWNED`",
        "x; touch PWNED; y",
        "x; touch pwned; y",
        "line1\nline2 $(touch PWNED)",
        "\"double\" \\back\\ $HOME ${HOME} * ? [a] ~ # & | < > !",
        "",
        "'",
        "''",
        "-n",
    };

    [Theory]
    [MemberData(nameof(Nasty))]
    public async Task Launch_passes_every_word_through_sh_unchanged_and_runs_nothing_from_it(string nasty)
    {
        nasty = nasty.Replace("PWNED", _pwned);
        var tools = Path.Combine(_dir, "fake tools' ;$(id)");
        var argvOut = Path.Combine(_dir, "argv");
        await File.WriteAllTextAsync(tools, $"#!/bin/sh\nprintf '%s\\0' \"$@\" > '{argvOut}'\n");
        File.SetUnixFileMode(tools, (UnixFileMode)0x1ED);
        var config = Path.Combine(_dir, "cfg " + nasty.Replace("\n", "").Replace("/", "_") + ".cfg");
        var log = Path.Combine(_dir, "logs " + nasty.Replace("\n", "").Replace("/", "_"), "job.log");
        string[] argv = ["/bin/printf", "%s\\n", nasty, "--frame", nasty];

        var line = RemoteCommands.Launch(tools, config, "0123abcd4567ef89", 42, log, argv);
        // Run in the test folder, so that a relative "touch pwned" would land on the file the tests look for.
        var (exit, stdout, _) = await ShellCommand.RunAsync("/bin/sh", line, _dir);
        Assert.Equal(0, exit);
        Assert.True(int.TryParse(stdout.Trim(), out _), stdout);
        // The fake tools runs detached (setsid nohup … &): give it a moment to write.
        await WaitFor.UntilAsync(() => File.Exists(argvOut) && new FileInfo(argvOut).Length > 0, TimeSpan.FromSeconds(5));

        var received = (await File.ReadAllTextAsync(argvOut)).Split('\0')[..^1];
        Assert.Equal(["job", "exec", "--instance", "0123abcd4567ef89", "--job-id", "42", "-d", config, "--log", log, "--", .. argv], received);
        Assert.True(File.Exists(log), "the log (in a folder made by the launch line) exists");
        Assert.False(File.Exists(_pwned), "something in a word was executed");
    }

    [Theory]
    [MemberData(nameof(Nasty))]
    public async Task Quote_makes_any_text_one_inert_word(string nasty)
    {
        nasty = nasty.Replace("PWNED", _pwned);
        var (exit, stdout, _) = await ShellCommand.RunAsync("/bin/sh", "printf '%s' " + ShellQuote.Quote(nasty));
        Assert.Equal(0, exit);
        Assert.Equal(nasty, stdout);
        Assert.False(File.Exists(_pwned));
    }

    [Fact]
    public async Task Read_exists_and_kill_lines_quote_their_path()
    {
        var path = Path.Combine(_dir, "x'; touch pwned; echo '");
        await File.WriteAllTextAsync(path, "content");
        Assert.Equal("content", (await ShellCommand.RunAsync("/bin/sh", RemoteCommands.ReadFile(path), _dir)).Stdout);
        Assert.Equal("yes", (await ShellCommand.RunAsync("/bin/sh", RemoteCommands.FileExists(path), _dir)).Stdout.Trim());
        Assert.False(File.Exists(_pwned));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
