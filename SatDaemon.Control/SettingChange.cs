namespace SatDaemon.Control;

/// <summary>One setting changed by the controller, before and after, for the operator to read back.</summary>
/// <param name="Target">"frame 132A_CUSTOM_FRAME" or "daemon".</param>
public sealed record SettingChange(string Target, string Setting, string Before, string After)
{
    public bool Changed => Before != After;

    public override string ToString() =>
        Changed ? $"{Target}: {Setting} {Before} -> {After}" : $"{Target}: {Setting} already {After}";
}
