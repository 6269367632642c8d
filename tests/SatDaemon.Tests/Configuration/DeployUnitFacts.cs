using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

/// <summary>The shipped systemd unit keeps the promises the README makes about restarts, file modes and detached jobs.</summary>
public class DeployUnitFacts
{
    private static readonly string UnitPath = Path.Combine(RepoPaths.Root, "deploy", "satdaemon.service");

    /// <summary>The [Service] settings that are not comments, as key → value (a key set twice keeps its last value, as systemd does).</summary>
    private static Dictionary<string, string> Service()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var inService = false;
        foreach (var raw in File.ReadLines(UnitPath))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) inService = line == "[Service]";
            else if (inService && line.Length > 0 && line[0] is not ('#' or ';') && line.Split('=', 2) is [var k, var v]) settings[k.Trim()] = v.Trim();
        }
        return settings;
    }

    [Fact]
    public void Config_errors_are_not_restarted_but_crashes_are()
    {
        var service = Service();

        Assert.Equal("on-failure", service["Restart"]);
        Assert.Equal("2", service["RestartPreventExitStatus"]);
    }

    [Fact]
    public void Files_written_by_the_daemon_and_its_local_jobs_are_not_world_readable()
    {
        Assert.Equal("0027", Service()["UMask"]);
    }

    [Fact]
    public void Stopping_the_daemon_leaves_local_jobs_running_as_the_readme_promises()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Equal("process", Service()["KillMode"]);
        Assert.Contains("`KillMode=process`", readme);
        Assert.Contains("`RestartPreventExitStatus=2`", readme);
        Assert.Contains("`UMask=0027`", readme);
    }
}
