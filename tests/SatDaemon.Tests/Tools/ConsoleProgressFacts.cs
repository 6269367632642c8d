using SatDaemon.Tools.Commands;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Tools;

/// <summary>
/// The tools' one progress display. Read by cron mails and scripts when redirected, so there: no carriage returns and
/// no escape sequences, only whole lines (or nothing).
/// </summary>
public sealed class ConsoleProgressFacts(ITestOutputHelper output)
{
    private static ProgressStep Step(int done) => new(done, 120, $"f{done}.zip");

    [Fact]
    public void Redirected_output_gets_a_plain_line_every_n_items_and_at_the_end()
    {
        var text = Run(terminal: false, lineEvery: 50);

        // 120 items, a line every 50: at 50, 100 and the last one.
        Assert.Equal(["50/120 f50.zip", "100/120 f100.zip", "120/120 f120.zip"], text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("\r", text.Replace(Environment.NewLine, "\n"));
        Assert.DoesNotContain("\u001b", text);
    }

    [Fact]
    public void Redirected_output_without_lines_stays_empty()
    {
        Assert.Equal("", Run(terminal: false, lineEvery: null));
    }

    [Fact]
    public void A_terminal_gets_one_bar_redrawn_in_place_and_a_line_end_after_it()
    {
        var text = Run(terminal: true, lineEvery: 50);

        // One redraw per report, each starting at the line's beginning, no escape sequences; half done = 15 of 30 marks.
        Assert.Equal(120, text.Count(c => c == '\r'));
        Assert.Contains("\r[###############---------------] 60/120 f60.zip", text);
        Assert.EndsWith("[##############################] 120/120 f120.zip" + Environment.NewLine, text);
        Assert.DoesNotContain("\u001b", text);
    }

    private string Run(bool terminal, int? lineEvery)
    {
        var sink = new StringWriter();
        var progress = new ConsoleProgress<int>(sink, terminal, Step, lineEvery);
        for (var i = 1; i <= 120; i++) progress.Report(i);
        progress.Finish();
        var text = sink.ToString();
        output.WriteLine(text.Replace("\r", "\\r"));
        return text;
    }
}
