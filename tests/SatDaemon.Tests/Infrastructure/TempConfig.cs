namespace SatDaemon.Tests.Infrastructure;

/// <summary>A config file written into its own temp folder; the folder goes on dispose.</summary>
public sealed class TempConfig : IDisposable
{
    private TempConfig(string directory, string path)
    {
        Directory = directory;
        Path = path;
    }

    /// <summary>The folder holding the file; relative paths in the config (sqlite:///x.db) resolve here.</summary>
    public string Directory { get; }

    /// <summary>Absolute path of the written file.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> (e.g. a <see cref="ConfigText"/>) to a new temp folder.</summary>
    public static TempConfig Write(string text, string fileName = "satdaemon.cfg")
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("sdt-cfg-").FullName;
        var path = System.IO.Path.Combine(dir, fileName);
        File.WriteAllText(path, text);
        return new TempConfig(dir, path);
    }

    /// <summary>Writes another file (GeoJSON, a second config) next to the config and returns its path.</summary>
    public string WriteFile(string fileName, string text)
    {
        var path = System.IO.Path.Combine(Directory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* still in use by a child process; the temp folder is cleaned later */ }
    }

    public override string ToString() => Path;
}
