namespace SatDaemon.Configuration;

/// <summary>Warnings about secrets in a config file that others can read (a database password, a webhook URL).</summary>
public static class ConfigSecurity
{
    public static IEnumerable<string> Warnings(SatDaemonConfig config)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) yield break;
        var holdsSecret = DatabaseAddress.HoldsPassword(config.Parameters.Database) || !string.IsNullOrEmpty(ReadRawWebhook(config.FilePath));
        if (!holdsSecret) yield break;
        UnixFileMode mode;
        try { mode = File.GetUnixFileMode(config.FilePath); }
        catch (IOException) { yield break; }
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0)
            yield return $"{config.FilePath} holds a password or webhook URL and is readable by group/others (mode {Convert.ToString((int)mode, 8)}); chmod 600 it or move the secret to the environment";
    }

    private static string? ReadRawWebhook(string path)
    {
        try
        {
            return File.ReadLines(path).Select(l => l.Trim())
                .Where(l => l.StartsWith("teams_webhook", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Split('=', 2) is [_, var v] ? v.Split(" ;")[0].Trim() : null)
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        }
        catch (IOException) { return null; }
    }
}
