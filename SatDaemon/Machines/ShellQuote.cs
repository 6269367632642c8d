namespace SatDaemon.Machines;

/// <summary>
/// POSIX single-quoting. Every word the daemon puts into a remote command line goes through here,
/// so frame ids, dates, paths and messages with quotes, spaces, ';', '$()' or newlines stay one inert word.
/// </summary>
public static class ShellQuote
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
