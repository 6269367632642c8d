using System.Text.RegularExpressions;
using SatDaemon.Web.Data;
using SatDaemon.Web.Pages;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The frames list at the large scale (930 frames) is paged: each page holds at most 300 frames, every frame is on
/// exactly one page, and ?q= finds a frame on any page. The frames are the test's own; 300 is issue 27's size aim
/// (≤ 300 kB a page) turned into rows in docs/web.md.
/// </summary>
public sealed partial class FramesPagingFacts(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<FrameListRow> Frames = Enumerable.Range(0, 930).Select(i => new FrameListRow(
        $"{i % 175 + 1:000}{(i % 2 == 0 ? "A" : "D")}_{i:00000}_131313", i % 175 + 1, i % 2 == 0 ? "A" : "D", "full", 0, false, null, null, null,
        "stage 1 waiting", new StatusCounts(3, 1, 5, 0, 1), 0, [])).ToList();

    [Fact]
    public void Every_frame_is_on_exactly_one_page_of_at_most_300()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var html = FramesPage.Render(Frames, page: page).ToString();
            var ids = FrameRows().Matches(html).Select(m => m.Groups[1].Value).ToList();
            output.WriteLine($"page {page}: {ids.Count} frames, {html.Length / 1000.0:0.0} kB");
            Assert.InRange(ids.Count, 1, 300);
            Assert.Contains($"page {page} of 4", html);
            seen.AddRange(ids);
        }
        Assert.Equal(Frames.Select(f => f.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_query_finds_a_frame_of_the_last_page_and_keeps_itself_in_the_page_links()
    {
        var html = FramesPage.Render(Frames, query: "_00929_").ToString();
        var ids = FrameRows().Matches(html).Select(m => m.Groups[1].Value).ToList();
        output.WriteLine(string.Join(", ", ids));
        Assert.Equal(["055D_00929_131313"], ids);

        var all = FramesPage.Render(Frames, query: "A_", page: 2).ToString();
        Assert.Contains("465 frame(s) matching, page 2 of 2", all);
        Assert.Contains("href=\"/frames?page=1&amp;q=A_\"", all);
    }

    [Fact]
    public void Few_frames_keep_one_page_and_the_in_browser_filter()
    {
        var html = FramesPage.Render(Frames.Take(300).ToList()).ToString();
        Assert.Equal(300, FrameRows().Matches(html).Count);
        Assert.DoesNotContain("frame-pages", html);
        Assert.Contains("data-filter=\"frames\"", html);
    }

    [GeneratedRegex("<tr data-frame=\"([^\"]+)\"")]
    private static partial Regex FrameRows();
}
