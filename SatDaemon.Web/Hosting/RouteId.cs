namespace SatDaemon.Web.Hosting;

/// <summary>An id taken from a path segment.</summary>
internal static class RouteId
{
    /// <summary>Kestrel decodes every escape in a path but %2F (so a segment stays a segment): an id holding "/" comes back with it still escaped.</summary>
    public static string Decode(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>A date segment, strictly yyyy-MM-dd.</summary>
    public static bool TryDate(string segment, out DateOnly date) =>
        DateOnly.TryParseExact(segment, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
}
