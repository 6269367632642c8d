using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDaemon.Tools.Commands;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Jobs;

/// <summary>What job exec's own log entries look like in the job log (its stderr is redirected there).</summary>
public sealed class JobLogLineFormatterFacts(ITestOutputHelper output)
{
    [Fact]
    public void An_entry_with_a_deep_exception_is_one_bounded_line_with_the_innermost_cause()
    {
        // A real thrown exception, 200 frames deep, wrapped twice, as a failed database write gives one.
        var e = Wrapped();
        var entry = new LogEntry<string>(LogLevel.Error, "SatDaemon.Control.JobRuntime.JobExecRunner", new EventId(2010),
            "job 7: outcome could not be recorded in the database; it stays in /p/logs/7.outcome for the daemon", e, (s, _) => s);
        var written = new StringWriter();

        new JobLogLineFormatter().Write(entry, null, written);

        var text = written.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"exception text {e.ToString().Length} chars; written {lines.Length} line(s) of {lines.Max(l => l.Length)} chars:\n{text}");
        Assert.Single(lines);
        Assert.True(lines[0].Length <= 1000, $"{lines[0].Length} chars");
        Assert.Contains("fail: SatDaemon.Control.JobRuntime.JobExecRunner[2010] job 7: outcome could not be recorded", lines[0]);
        Assert.EndsWith("(TimeoutException: the server did not answer)", lines[0].TrimEnd());
        Assert.DoesNotContain(" at ", lines[0]);
    }

    private static Exception Wrapped()
    {
        try
        {
            try { Deep(200); }
            catch (Exception inner) { throw new InvalidOperationException("an exception has been raised that is likely due to a transient failure", inner); }
        }
        catch (Exception outer) { return new AggregateException(outer); }
        throw new UnreachableException();
    }

    private static void Deep(int n)
    {
        if (n == 0) throw new TimeoutException("the server did not answer");
        Deep(n - 1);
    }
}
