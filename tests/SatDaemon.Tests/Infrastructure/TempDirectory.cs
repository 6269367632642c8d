namespace SatDaemon.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullPath = Directory.CreateTempSubdirectory("satdaemon-tests-").FullName;
    }

    public string FullPath { get; }

    public string Path(string file) => System.IO.Path.Combine(FullPath, file);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
