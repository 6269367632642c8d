namespace SatDaemon.Control;

/// <summary>One setting changed by the controller, before and after, for the operator to read back.</summary>
/// <param name="Target">"frame 132A_CUSTOM_FRAME" or "daemon".</param>
public sealed record SettingChange(string Target, string Setting, string Before, string After)
{
    public bool Changed => Before != After;

    /// <summary>
    /// A second setting the same operation changed in the same transaction (ctl noupdate on also switches an off
    /// frame on), so the operator is never left to discover it.
    /// </summary>
    public SettingChange? Also { get; init; }

    /// <summary>Why the change was made when the operator did not name it; shown after it.</summary>
    public string? Because { get; init; }

    public override string ToString() =>
        (Changed ? $"{Target}: {Setting} {Before} -> {After}" : $"{Target}: {Setting} already {After}")
        + (Because is null ? "" : $" ({Because})");
}
