namespace SatDaemon.Web.Data;

/// <summary>SQLite hands DateTime back unspecified; everything is written as UTC, so it is read back as UTC.</summary>
internal static class Utc
{
    public static DateTime Of(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    public static DateTime? Of(DateTime? t) => t is { } v ? Of(v) : null;
}
