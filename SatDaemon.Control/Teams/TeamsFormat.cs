namespace SatDaemon.Control.Teams;

/// <summary>Which JSON shape the webhook expects.</summary>
public enum TeamsFormat
{
    /// <summary>Adaptive Card wrapped in a "message" envelope: what Power Automate "Workflows" webhooks accept.</summary>
    AdaptiveCard,

    /// <summary>Legacy connector card for the retired-but-still-running Office 365 "Incoming Webhook" connector.</summary>
    MessageCard,
}
