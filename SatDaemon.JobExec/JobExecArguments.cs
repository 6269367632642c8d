using System.Globalization;

namespace SatDaemon.JobExec;

/// <summary>
/// The launch line's words, as the .NET tool takes them: [job exec] [--instance ID] --job-id N [-d CFG] --log LOG -- CMD….
/// The daemon writes "job exec" after the program, so `ps` shows the same words for either wrapper and the daemon's
/// recognition (MachineProcesses, the reconcile's shell match) is the same for both.
/// </summary>
internal sealed record JobExecArguments(string? Instance, long JobId, string? ConfigPath, string LogPath, IReadOnlyList<string> Command)
{
    public const string Usage = "usage: satdaemon-job-exec job exec [--instance ID] --job-id N [-d CONFIG] --log LOG -- COMMAND [ARG…]";

    /// <summary>Throws <see cref="FormatException"/> with one line saying what is wrong.</summary>
    public static JobExecArguments Parse(IReadOnlyList<string> args)
    {
        var i = 0;
        if (args.Count >= 2 && args[0] == "job" && args[1] == "exec") i = 2;
        string? instance = null, config = null, log = null;
        long? jobId = null;
        for (; i < args.Count && args[i] != "--"; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new FormatException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--instance": instance = value; break;
                case "--job-id" or "-j":
                    jobId = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                        ? id : throw new FormatException($"--job-id is not a job id (got '{value}')");
                    break;
                case "-d" or "--config": config = value; break;
                case "--log": log = value; break;
                default: throw new FormatException($"unknown option '{name}'");
            }
        }
        if (jobId is null) throw new FormatException("--job-id is required");
        if (string.IsNullOrEmpty(log)) throw new FormatException("--log is required");
        if (i >= args.Count - 1) throw new FormatException("no command after --");
        return new JobExecArguments(instance, jobId.Value, config, Path.GetFullPath(log), args.Skip(i + 1).ToList());
    }
}
