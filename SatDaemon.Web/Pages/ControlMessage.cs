namespace SatDaemon.Web.Pages;

/// <summary>What a control answered, shown next to it: the change made, or the refusal in the CLI's words.</summary>
/// <param name="Control">Which control it belongs to (level, priority, master, …).</param>
public sealed record ControlMessage(string Control, string Text, bool Error);
