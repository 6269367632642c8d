namespace SatDaemon.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (found by walking up to SatDaemon.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding SatDaemon.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The shipped default config, satdaemon.cfg.</summary>
    public static string ShippedConfig => Path.Combine(Root, "satdaemon.cfg");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SatDaemon.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("SatDaemon.sln not found above " + AppContext.BaseDirectory);
    }
}
