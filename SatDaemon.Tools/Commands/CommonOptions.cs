using System.CommandLine;
using SatDaemon.Control.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>Options every command takes.</summary>
internal static class CommonOptions
{
    /// <summary>-d/--config FILE: overrides $SATDAEMON_CONFIG and ./satdaemon.cfg everywhere.</summary>
    public static readonly Option<string?> Config = ConfigOption.Create();
}
