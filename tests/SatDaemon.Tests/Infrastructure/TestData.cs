namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// Locates the test data the repository carries: <c>tests/testdata/s1</c> under the directory holding
/// <c>SatDaemon.sln</c>, found by walking up from the test binaries; <c>SATDAEMON_TESTDATA</c> overrides it.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Dir = new(Locate);

    /// <summary>The directory with the real Sentinel-1 zips and <c>sentinel1_track_burst_id.txt</c>.</summary>
    public static string S1Dir => Dir.Value;

    /// <summary>Full path of a file in <see cref="S1Dir"/>.</summary>
    public static string Path(string file) => System.IO.Path.Combine(S1Dir, file);

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("SATDAEMON_TESTDATA");
        if (!string.IsNullOrWhiteSpace(overridden))
            return System.IO.Path.GetFullPath(overridden);

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SatDaemon.sln")))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "tests", "testdata", "s1"));
        }

        throw new DirectoryNotFoundException(
            $"SatDaemon.sln not found above {AppContext.BaseDirectory}; set SATDAEMON_TESTDATA to the s1 test data directory");
    }
}
