namespace SatDaemon.Web.Pages;

/// <summary>
/// set-master's confirmation step: the new master would reprocess <see cref="Rows"/>; confirming sends the same change
/// with force and the master the operator saw, so a master changed meanwhile is refused rather than overridden.
/// </summary>
public sealed record MasterConfirmation(DateOnly Date, string ExpectedMaster, string Message, IReadOnlyList<string> Rows);
