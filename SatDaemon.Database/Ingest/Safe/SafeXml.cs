using System.Globalization;
using System.Xml.Linq;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// Namespace-agnostic lookups and value parsing for manifest and annotation XML. The SAFE schemas use
/// several prefixes (safe:, s1:, s1sarl1:, gml:) whose URIs vary between IPF versions, so we match local names.
/// </summary>
internal static class SafeXml
{
    public static IEnumerable<XElement> Children(this XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> DescendantsNamed(this XContainer root, string localName) =>
        root.Descendants().Where(e => e.Name.LocalName == localName);

    /// <summary>Follows a path of local names below <paramref name="parent"/>; null when any step is missing.</summary>
    public static XElement? At(this XElement parent, params string[] localNames)
    {
        XElement? current = parent;
        foreach (var name in localNames)
        {
            current = current.Child(name);
            if (current is null)
                return null;
        }

        return current;
    }

    /// <summary>SAFE times carry no zone and are UTC; the 6 fractional digits are kept (DateTime holds 7).</summary>
    public static bool TryParseTime(string? text, out DateTime value) =>
        DateTime.TryParse(text?.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    public static bool TryParseDouble(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt(string? text, out int value) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
