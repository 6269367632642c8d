using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// A job that cannot be placed is said at info once, not every pass (issue 20: a "never fits" line repeated every
/// pass); while its reason stays the same the daemon says it at debug only, and a new reason is news again.
/// </summary>
public sealed class WaitLogFacts(ITestOutputHelper output)
{
    private const string FrameId = "064A_WAIT_LOG";

    [Fact]
    public async Task An_unchanged_wait_reason_is_said_at_info_once_and_at_debug_after()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite);
        await bed.AddFrameAsync(FrameId, 3);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var teams = new TeamsNotifier(new TeamsOptions(), NullLogger<TeamsNotifier>.Instance, null, time);
        var log = new CapturingLogger<ProcDaemon>();
        // No machines: every job waits, for the same reason, pass after pass.
        var daemon = new ProcDaemon(bed.LoadConfig(), new DaemonStore(bed.Factory, time), [], teams, log, time,
            new DaemonOptions { PollInterval = TimeSpan.FromSeconds(30) });

        var levels = new List<(LogLevel Waits, LogLevel Summary)>();
        for (var pass = 0; pass < 3; pass++)
        {
            var before = log.Entries.Count;
            await daemon.RunPassAsync(CancellationToken.None);
            var lines = log.Entries.Skip(before).ToList();
            foreach (var l in lines.Where(l => l.EventId is 1023 or 1024)) output.WriteLine($"pass {pass + 1}: {l.Level} {l.Message}");
            var waits = lines.Where(l => l.EventId == 1023).Select(l => l.Level).Distinct().ToList();
            var summary = lines.Single(l => l.EventId == 1024).Level;
            levels.Add((Assert.Single(waits), summary));
            time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal([(LogLevel.Information, LogLevel.Information), (LogLevel.Debug, LogLevel.Debug), (LogLevel.Debug, LogLevel.Debug)], levels);
    }
}
