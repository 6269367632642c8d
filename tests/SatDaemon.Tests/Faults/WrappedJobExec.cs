using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// The scratch folder and the .NET job exec wrapper of fault tests that change how job exec starts (a real delay, a
/// shorter report budget): a folder the ssh user can write (1777), removed with all in it afterwards, and a wrapper
/// script there that runs some shell lines and then execs the real satdaemon-tools.
/// </summary>
internal sealed class WrappedJobExec : IDisposable
{
    private WrappedJobExec(string dir) => Dir = dir;

    public string Dir { get; }

    /// <summary>The wrapper; empty until <see cref="WriteWrapper"/>.</summary>
    public string Wrapper { get; private set; } = "";

    public static WrappedJobExec Create(string prefix)
    {
        var dir = Path.Combine(SshMachines.Scratch, prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0x3FF); // 1777: the ssh user writes the ledger here
        return new WrappedJobExec(dir);
    }

    /// <summary>Writes <c>satdaemon-tools</c> in <see cref="Dir"/>: <paramref name="preamble"/>, then exec the .NET tools.</summary>
    public string WriteWrapper(string preamble)
    {
        Wrapper = Path.Combine(Dir, "satdaemon-tools");
        File.WriteAllText(Wrapper, $"#!/bin/sh\n{preamble.Replace("\r\n", "\n").TrimEnd()}\nexec dotnet '{TestBinaries.ToolsDll}' \"$@\"\n");
        File.SetUnixFileMode(Wrapper, (UnixFileMode)0x1ED); // 755
        return Wrapper;
    }

    /// <summary>Makes the daemon launch job exec through the wrapper.</summary>
    public void Configure(ConfigText c)
    {
        c.Set("PARAMETERS", "satdaemon_tools", Wrapper);
        // The daemon launches job_exec when set (the test bed sets the native one): the wrapper must be it too.
        c.Set("PARAMETERS", "job_exec", Wrapper);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
