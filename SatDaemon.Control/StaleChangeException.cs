namespace SatDaemon.Control;

/// <summary>
/// A change made from a form that showed a value which has changed since (someone else changed it): refused, nothing
/// changed. <see cref="Current"/> is the value now, for the form to show.
/// </summary>
public sealed class StaleChangeException(string message, string current) : InvalidOperationException(message)
{
    public string Current => current;
}
