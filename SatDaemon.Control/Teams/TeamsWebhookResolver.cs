namespace SatDaemon.Control.Teams;

/// <summary>
/// Finds the webhook URL: the configured value first, else <c>SATDAEMON_TEAMS_WEBHOOK</c>.
/// The environment variable exists so the secret can stay out of config files that are
/// committed or copied between machines.
/// </summary>
public static class TeamsWebhookResolver
{
    public const string EnvironmentVariable = "SATDAEMON_TEAMS_WEBHOOK";

    /// <summary>Returns the webhook URL to use, or null when none is configured (notifications disabled).</summary>
    public static string? Resolve(string? configuredUrl) =>
        Resolve(configuredUrl, Environment.GetEnvironmentVariable);

    /// <summary>Same as <see cref="Resolve(string?)"/> with an injectable environment lookup (for tests).</summary>
    public static string? Resolve(string? configuredUrl, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configuredUrl))
        {
            return configuredUrl.Trim();
        }

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }

    /// <summary>Fills <see cref="TeamsOptions.WebhookUrl"/> from the environment when it is empty; returns the same instance.</summary>
    public static TeamsOptions Apply(TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WebhookUrl = Resolve(options.WebhookUrl);
        return options;
    }
}
