namespace SatDaemon.Demo;

/// <summary>
/// The demo's marker file, which is also the list of the files it wrote under data/ and processing/: a first line
/// saying what the folder is, the line <c>files:</c>, then one path relative to the demo folder per line. A marker
/// without that line comes from a demo that kept no list (<see cref="Read"/> answers null).
/// </summary>
public static class DemoManifest
{
    public const string FileName = ".satdaemon-demo";

    private const string Header = "made by `satdaemon demo`; a re-run removes only the files listed below (what the demo wrote here)";
    private const string FilesLine = "files:";

    /// <summary>The listed paths; null when the marker holds no list.</summary>
    public static IReadOnlyList<string>? Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var at = Array.IndexOf(lines, FilesLine);
        return at < 0 ? null : lines.Skip(at + 1).Where(l => l.Length > 0).ToList();
    }

    /// <summary>Writes the marker with <paramref name="files"/>, through a temporary file so a reader never sees half a list.</summary>
    public static void Write(string path, IEnumerable<string> files)
    {
        var tmp = path + ".tmp";
        File.WriteAllLines(tmp, new[] { Header, FilesLine }.Concat(files));
        File.Move(tmp, path, overwrite: true);
    }
}
