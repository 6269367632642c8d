using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace SatDaemon.Control.Teams;

/// <summary>
/// Turns a <see cref="TeamsMessage"/> into webhook JSON. Written with <see cref="Utf8JsonWriter"/>
/// so titles, facts and log tails containing quotes, backslashes or control characters can never
/// produce invalid JSON.
/// </summary>
public static class TeamsPayloadBuilder
{
    /// <summary>Digest lines beyond this are summarised as "… and N more": Teams rejects posts over roughly 28 KB.</summary>
    public const int MaxDigestLines = 50;

    /// <summary>Longer preformatted text keeps only its end (the interesting part of a log tail), for the same size limit.</summary>
    public const int MaxTextLength = 8000;

    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    private const string AdaptiveCardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Builds the UTF-8 JSON body for <paramref name="format"/>.</summary>
    public static byte[] Build(TeamsMessage message, TeamsFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (format)
            {
                case TeamsFormat.AdaptiveCard:
                    WriteAdaptiveCard(writer, message);
                    break;
                case TeamsFormat.MessageCard:
                    WriteMessageCard(writer, message);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown Teams format.");
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Combines messages held during a burst into one message: the title counts them, the text
    /// has one line per message (title and facts) so an operator still sees which frames failed.
    /// </summary>
    public static TeamsMessage CreateDigest(IReadOnlyList<TeamsMessage> messages, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("A digest needs at least one message.", nameof(messages));
        }

        // Not "job failures": a running job's error reports share the window, and they are not failures.
        var allErrors = messages.All(m => m.Severity == TeamsSeverity.Error);
        var what = allErrors ? "errors" : "notifications";
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"{messages.Count} {what} in the last {FormatWindow(window)}");

        var lines = messages.Take(MaxDigestLines).Select(DigestLine).ToList();
        if (messages.Count > MaxDigestLines)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"… and {messages.Count - MaxDigestLines} more"));
        }

        return new TeamsMessage(title, messages.Max(m => m.Severity), [], string.Join('\n', lines));
    }

    private static string DigestLine(TeamsMessage message) =>
        message.Facts.Count == 0
            ? message.Title
            : $"{message.Title} ({string.Join(", ", message.Facts.Select(f => $"{f.Name}: {f.Value}"))})";

    private static string FormatWindow(TimeSpan window) =>
        window.TotalSeconds >= 1 && window.TotalSeconds == Math.Floor(window.TotalSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)window.TotalSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalSeconds:0.###} s");

    private static string? Truncate(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= MaxTextLength)
        {
            return text;
        }

        return "…" + text[^(MaxTextLength - 1)..];
    }

    private static void WriteAdaptiveCard(Utf8JsonWriter writer, TeamsMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "message");
        writer.WriteStartArray("attachments");
        writer.WriteStartObject();
        writer.WriteString("contentType", AdaptiveCardContentType);
        writer.WriteStartObject("content");
        writer.WriteString("$schema", AdaptiveCardSchema);
        writer.WriteString("type", "AdaptiveCard");
        writer.WriteString("version", "1.4");
        writer.WriteStartArray("body");

        writer.WriteStartObject();
        writer.WriteString("type", "TextBlock");
        writer.WriteString("text", message.Title);
        writer.WriteString("weight", "Bolder");
        writer.WriteString("size", "Medium");
        writer.WriteString("color", AdaptiveColor(message.Severity));
        writer.WriteBoolean("wrap", true);
        writer.WriteEndObject();

        if (message.Facts.Count > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FactSet");
            WriteFacts(writer, message.Facts, nameKey: "title");
            writer.WriteEndObject();
        }

        var text = Truncate(message.Text);
        if (!string.IsNullOrEmpty(text))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "TextBlock");
            writer.WriteString("text", text);
            writer.WriteString("fontType", "Monospace");
            writer.WriteBoolean("wrap", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray(); // body

        // Full width so log lines are not wrapped into an unreadable narrow column.
        writer.WriteStartObject("msteams");
        writer.WriteString("width", "Full");
        writer.WriteEndObject();

        writer.WriteEndObject(); // content
        writer.WriteEndObject(); // attachment
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The "facts" array both formats share; only the key of a fact's name differs ("title" in an Adaptive Card FactSet, "name" in a MessageCard).</summary>
    private static void WriteFacts(Utf8JsonWriter writer, IReadOnlyList<TeamsFact> facts, string nameKey)
    {
        writer.WriteStartArray("facts");
        foreach (var fact in facts)
        {
            writer.WriteStartObject();
            writer.WriteString(nameKey, fact.Name);
            writer.WriteString("value", fact.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMessageCard(Utf8JsonWriter writer, TeamsMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("@type", "MessageCard");
        writer.WriteString("@context", "http://schema.org/extensions");
        writer.WriteString("summary", message.Title);
        writer.WriteString("themeColor", ThemeColor(message.Severity));
        writer.WriteString("title", message.Title);
        writer.WriteStartArray("sections");
        writer.WriteStartObject();
        WriteFacts(writer, message.Facts, nameKey: "name");
        var text = Truncate(message.Text);
        if (!string.IsNullOrEmpty(text))
        {
            writer.WriteString("text", text);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string AdaptiveColor(TeamsSeverity severity) => severity switch
    {
        TeamsSeverity.Error => "Attention",
        TeamsSeverity.Warning => "Warning",
        _ => "Default",
    };

    private static string ThemeColor(TeamsSeverity severity) => severity switch
    {
        TeamsSeverity.Error => "D13438",
        TeamsSeverity.Warning => "FFB900",
        _ => "0078D7",
    };
}
