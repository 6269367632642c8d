using SatDaemon.Database.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Jobs;

public sealed class CommandTemplateTests
{
    private static readonly JobPlaceholders Values = new()
    {
        Frame = "132A_TEST_FRAME", Date = "20200523", MasterDate = "20200511", FrameDir = "/proc/132A_TEST_FRAME",
        ProcDir = "/proc", DataDir = "/data", SoftwareDir = "/opt/sat sense", JobId = "17",
    };

    [Theory]
    // blanks (spaces, tabs, newlines) separate words; runs of them count once
    [InlineData("a  b\tc\nd", new[] { "a", "b", "c", "d" })]
    // single quotes: everything literal, including \ and "
    [InlineData(@"x 'a b\ ""c""'", new[] { "x", @"a b\ ""c""" })]
    // double quotes: literal except \$ \` \" \\ ; other backslashes stay
    [InlineData(@"""a \""b\"" \$c \\ \n""", new[] { @"a ""b"" $c \ \n" })]
    // backslash outside quotes escapes the next character
    [InlineData(@"a\ b c\'d", new[] { "a b", "c'd" })]
    // backslash-newline joins lines
    [InlineData("a\\\nb", new[] { "ab" })]
    // quoted parts glue to their neighbours: one word
    [InlineData(@"--x='1 2'""3""4", new[] { "--x=1 234" })]
    // an empty quoted string is an (empty) argument
    [InlineData("a '' b", new[] { "a", "", "b" })]
    // no shell features: ; $() | are ordinary characters
    [InlineData("a;b $(c) | d", new[] { "a;b", "$(c)", "|", "d" })]
    [InlineData("   ", new string[0])]
    public void Split_works_like_a_posix_shell_without_expansion(string command, string[] expected) =>
        Assert.Equal(expected, CommandTemplate.Split(command));

    [Theory]
    [InlineData("'open")]
    [InlineData("\"open")]
    [InlineData("trailing\\")]
    public void Split_rejects_unterminated_quotes_and_a_trailing_backslash(string command) =>
        Assert.Throws<FormatException>(() => CommandTemplate.Split(command));

    [Theory]
    // {software_dir} holds a space: still one argument, because splitting happens before substitution
    [InlineData("{software_dir}/slc.py --frame {frame} --date {date}", new[] { "/opt/sat sense/slc.py", "--frame", "132A_TEST_FRAME", "--date", "20200523" })]
    // placeholders inside quotes are substituted too
    [InlineData("run '{frame}_{master_date}' \"{job_id}\"", new[] { "run", "132A_TEST_FRAME_20200511", "17" })]
    // {}, {print $1} and upper-case names are not placeholders
    [InlineData("find -exec {} ; awk '{print $1}' {X}", new[] { "find", "-exec", "{}", ";", "awk", "{print $1}", "{X}" })]
    public void SplitAndExpand_substitutes_each_word_after_splitting(string command, string[] expected) =>
        Assert.Equal(expected, CommandTemplate.SplitAndExpand(command, Values));

    [Theory]
    [InlineData("a b")]
    [InlineData("it's \"quoted\"")]
    [InlineData("x; rm -rf / $(id) `id` | y")]
    [InlineData("line1\nline2")]
    [InlineData("back\\slash \\")]
    public void A_substituted_value_stays_one_argument_whatever_it_holds(string value)
    {
        var argv = CommandTemplate.SplitAndExpand("prog --frame {frame} end", Values with { Frame = value });
        Assert.Equal(["prog", "--frame", value, "end"], argv);
    }

    [Fact]
    public void Expand_substitutes_placeholders_in_a_path() =>
        Assert.Equal("/proc/132A_TEST_FRAME/IFG/20200511_20200523/ifg.done",
            CommandTemplate.Expand("{frame_dir}/IFG/{master_date}_{date}/ifg.done", Values));

    [Fact]
    public void An_unknown_placeholder_is_an_error_that_names_it() =>
        Assert.Contains("{fram}", Assert.Throws<FormatException>(() => CommandTemplate.Expand("{fram}", Values)).Message);

    [Fact]
    public void A_placeholder_without_a_value_for_this_job_is_an_error() =>
        Assert.Contains("{date2}", Assert.Throws<FormatException>(() => CommandTemplate.Expand("x_{date2}", Values)).Message);
}
