using SatDaemon.Database.Frames;

namespace SatDaemon.Web.Pages;

/// <summary>
/// frame reprocess's confirmation step on the frame page: the plan (rows by stage, as the CLI prints them); confirming
/// sends the same request with the count shown, so a frame that changed meanwhile is refused rather than reprocessed.
/// </summary>
public sealed record ReprocessConfirmation(ReprocessRequest Request, ReprocessReport Plan);
