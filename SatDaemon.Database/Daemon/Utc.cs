namespace SatDaemon.Database.Daemon;

/// <summary>Every time column holds UTC, but SQLite hands it back unspecified: the records say what it is.</summary>
internal static class Utc
{
    public static DateTime Of(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    public static DateTime? Of(DateTime? t) => t is { } v ? Of(v) : null;
}
