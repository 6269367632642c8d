using SatDaemon.Configuration;
using System.CommandLine;

namespace SatDaemon.Control.CommandLine;

/// <summary>
/// -d/--config FILE, as both executables (satdaemon, satdaemon-tools) take it: it overrides $SATDAEMON_CONFIG and
/// ./satdaemon.cfg (the order ConfigLoader.ResolvePath follows), on every subcommand.
/// </summary>
public static class ConfigOption
{
    /// <summary>A new option each time: System.CommandLine ties an option to the one command tree it is added to.</summary>
    public static Option<string?> Create() => new("--config", "-d")
    {
        Description = $"config file (default: ${ConfigLoader.EnvConfig}, ./satdaemon.cfg, /etc/satdaemon/satdaemon.cfg)",
        Recursive = true,
    };
}
