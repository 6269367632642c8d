using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Control.Jobs;
using SatDaemon.Control.Teams;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A job's warnings and errors reach Teams as well as job_events, as the seed's JobLogger posts them, with what an
/// operator needs to place them: frame, job type, date, machine and the message.
/// </summary>
public sealed class JobReportTeamsTests
{
    [Fact]
    public async Task Job_warn_and_job_error_post_a_card_each_with_frame_type_date_machine_and_message()
    {
        await using var teams = new LoopbackTeamsReceiver();
        using var bed = await JobTestBed.CreateAsync(teamsWebhook: teams.Url);
        var job = await bed.ClaimAsync();
        var env = new Dictionary<string, string?> { ["SATDAEMON_JOB_ID"] = job.Id.ToString(), ["SATDAEMON_CONFIG"] = bed.ConfigPath };

        var warn = await ToolProcess.RunAsync(["job", "warn", "orbit file is restituted, not precise"], env);
        var error = await ToolProcess.RunAsync(["job", "error", "burst 3 has no data"], env);

        Assert.True(warn.ExitCode == 0, warn.ToString());
        Assert.True(error.ExitCode == 0, error.ToString());
        // Each call flushes before its process exits, so both cards have arrived.
        Assert.Equal(2, teams.Requests.Count);
        var cards = teams.Requests.Select(r => Card.Parse(r.Body)).ToList();
        foreach (var (card, message) in cards.Zip(["orbit file is restituted, not precise", "burst 3 has no data"]))
        {
            Assert.Equal(JobTestBed.FrameId, card.Facts["Frame"]);
            Assert.Equal("download", card.Facts["Job type"]);
            Assert.Equal("2020-05-23", card.Facts["Date"]);
            Assert.Equal(JobTestBed.Machine, card.Facts["Machine"]);
            Assert.Equal(message, card.Facts["Message"]);
        }
        Assert.Contains("warning", cards[0].Title, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error", cards[1].Title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_burst_of_warnings_goes_through_the_burst_window_and_the_rest_arrive_as_one_digest()
    {
        await using var teams = new LoopbackTeamsReceiver();
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var notifier = new TeamsNotifier(new TeamsOptions
        {
            WebhookUrl = teams.Url, MaxMessagesPerWindow = 2, DigestWindow = TimeSpan.FromMinutes(10),
        });

        await using (var logger = new JobLogger(bed.Config, job.Id, new JobLoggerOptions(), teams: notifier))
        {
            for (var i = 1; i <= 5; i++) await logger.WarnAsync($"burst {i} has thin coverage");
        } // disposing flushes: the held digest is sent now rather than at the window's end

        var titles = teams.Requests.Select(r => Card.Parse(r.Body).Title).ToList();
        Assert.Equal(3, titles.Count);
        var digest = teams.Requests[2].Body;
        Assert.StartsWith("3 ", titles[2]);
        foreach (var i in new[] { 3, 4, 5 }) Assert.Contains($"burst {i} has thin coverage", digest);
        Assert.DoesNotContain("burst 1 has", digest);
    }

    /// <summary>The parts of an Adaptive Card post the tests read.</summary>
    private sealed record Card(string Title, Dictionary<string, string> Facts)
    {
        public static Card Parse(string body)
        {
            using var json = JsonDocument.Parse(body);
            var items = json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray().ToList();
            var facts = items.FirstOrDefault(b => b.GetProperty("type").GetString() == "FactSet") is { ValueKind: JsonValueKind.Object } set
                ? set.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!)
                : [];
            return new Card(items[0].GetProperty("text").GetString()!, facts);
        }
    }
}
