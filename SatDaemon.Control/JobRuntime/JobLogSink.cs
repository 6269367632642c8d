using System.Text;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// Appends a command's output lines to the job's log file and keeps the tail. The launcher's own redirection
/// (>> log) writes to the same file, so it is opened shared and every write goes to the current end of the file.
/// </summary>
internal sealed class JobLogSink : IDisposable
{
    private readonly FileStream? _file;
    private readonly Lock _gate = new();
    private readonly Action<Exception> _onWriteError;
    private bool _writeFailed;

    public JobLogSink(string logPath, Action<Exception> onWriteError)
    {
        _onWriteError = onWriteError;
        try
        {
            var dir = Path.GetDirectoryName(logPath);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            // When job exec creates the log (the launch line usually has already), it is born 0640: see JobFileMode.
            _file = new FileStream(logPath, JobFileMode.Options(FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The job still runs and its end is still recorded; only the log is lost.
            onWriteError(e);
        }
    }

    public LogTail Tail { get; } = new();

    public void Write(string line)
    {
        Tail.Add(line);
        if (_file is null) return;
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            if (_writeFailed) return;
            try
            {
                // FileMode.Append does not keep appending after other writers; seek to the file's current end before each write.
                _file.Seek(0, SeekOrigin.End);
                _file.Write(bytes);
                _file.Flush();
            }
            catch (IOException e)
            {
                _writeFailed = true;
                _onWriteError(e);
            }
        }
    }

    public void Dispose() => _file?.Dispose();
}
