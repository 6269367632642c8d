using System.Text.Json;
using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

public sealed class TeamsPayloadBuilderTests
{
    [Theory]
    [InlineData(TeamsFormat.AdaptiveCard)]
    [InlineData(TeamsFormat.MessageCard)]
    public void AwkwardCharactersStayValidJson(TeamsFormat format)
    {
        const string nasty = "quote \" backslash \\ tab \t newline \n nul \0 <tag> & emoji 🛰";
        var message = new TeamsMessage(nasty, TeamsSeverity.Warning, [new TeamsFact(nasty, nasty)], nasty);

        using var json = JsonDocument.Parse(TeamsPayloadBuilder.Build(message, format));

        Assert.Contains(nasty, AllStrings(json.RootElement));
    }

    [Fact]
    public void WithoutFactsOrText_CardHasTitleOnly()
    {
        using var json = JsonDocument.Parse(TeamsPayloadBuilder.Build(new TeamsMessage("Daemon started", TeamsSeverity.Info), TeamsFormat.AdaptiveCard));
        var body = json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        Assert.Equal(1, body.GetArrayLength());
        Assert.Equal("Default", body[0].GetProperty("color").GetString());
    }

    [Fact]
    public void LongText_KeepsItsEnd()
    {
        var tail = new string('x', TeamsPayloadBuilder.MaxTextLength * 2) + "LAST LINE";
        using var json = JsonDocument.Parse(TeamsPayloadBuilder.Build(TeamsTestMessages.JobFailure(logTail: tail), TeamsFormat.MessageCard));
        var text = json.RootElement.GetProperty("sections")[0].GetProperty("text").GetString()!;
        Assert.Equal(TeamsPayloadBuilder.MaxTextLength, text.Length);
        Assert.EndsWith("LAST LINE", text);
    }

    [Fact]
    public void Digest_CountsMessagesAndListsOneLineEach()
    {
        var messages = Enumerable.Range(1, 12).Select(i => TeamsTestMessages.JobFailure(i)).ToList();

        var digest = TeamsPayloadBuilder.CreateDigest(messages, TimeSpan.FromSeconds(60));

        Assert.Equal("12 errors in the last 60 s", digest.Title);
        Assert.Equal(TeamsSeverity.Error, digest.Severity);
        var lines = digest.Text!.Split('\n');
        Assert.Equal(12, lines.Length);
        Assert.StartsWith("Job failed: insar_pair on frame 044D_0001 (Frame: 044D_0001_131313, Job type: insar_pair", lines[0]);
    }

    [Fact]
    public void Digest_OfErrorsThatAreNotFailures_DoesNotCallThemFailures()
    {
        // A job's error report is an error, but the job runs on: its exit code decides whether it failed.
        var digest = TeamsPayloadBuilder.CreateDigest(
            [new TeamsMessage("Job reports an error: coreg 132A_X 2020-01-07", TeamsSeverity.Error),
             new TeamsMessage("Job reports an error: coreg 132A_X 2020-01-19", TeamsSeverity.Error)],
            TimeSpan.FromSeconds(60));

        Assert.Equal("2 errors in the last 60 s", digest.Title);
        Assert.DoesNotContain("fail", digest.Title);
    }

    [Fact]
    public void Digest_OfMixedSeverities_IsCalledNotifications()
    {
        var digest = TeamsPayloadBuilder.CreateDigest(
            [new TeamsMessage("a", TeamsSeverity.Info), new TeamsMessage("b", TeamsSeverity.Warning)],
            TimeSpan.FromMilliseconds(1500));

        Assert.Equal("2 notifications in the last 1.5 s", digest.Title);
        Assert.Equal(TeamsSeverity.Warning, digest.Severity);
        Assert.Equal("a\nb", digest.Text);
    }

    private static IEnumerable<string> AllStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => AllStrings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AllStrings),
        _ => [],
    };
}
