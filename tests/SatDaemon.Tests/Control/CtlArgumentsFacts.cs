using SatDaemon.Control.CommandLine;

namespace SatDaemon.Tests.Control;

public sealed class CtlArgumentsFacts
{
    [Theory]
    [InlineData("2019-01-01", 2019, 1, 1)]
    [InlineData("20200229", 2020, 2, 29)]
    public void Dates_are_read_in_either_form(string text, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), CtlArguments.OpenDate(text, "start"));

    [Fact]
    public void A_dash_leaves_the_range_open() => Assert.Null(CtlArguments.OpenDate("-", "end"));

    [Theory]
    [InlineData("2020-13-01")]
    [InlineData("20190229")] // 2019 is no leap year
    [InlineData("01/02/2020")]
    [InlineData("2020-1-1")]
    public void A_bad_date_is_refused_with_its_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => CtlArguments.OpenDate(text, "start"));
        Assert.Contains($"start date '{text}'", e.Message);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("OFF", false)]
    public void On_and_off_in_any_case(string text, bool on) => Assert.Equal(on, CtlArguments.OnOff(text));

    [Theory]
    [InlineData("onn")]
    [InlineData("yes")]
    [InlineData("")]
    public void Anything_else_is_neither_on_nor_off(string text) =>
        Assert.Contains($"'{text}' is neither on nor off", Assert.Throws<ArgumentException>(() => CtlArguments.OnOff(text)).Message);

    [Theory]
    [InlineData("99999999999")]
    [InlineData("-3000000000")]
    public void A_whole_number_beyond_the_priority_range_is_said_to_be_out_of_range(string text)
    {
        var e = Assert.Throws<FormatException>(() => CtlArguments.Priority(text));
        Assert.Contains($"priority '{text}' is out of range", e.Message);
    }

    [Theory]
    [InlineData("high")]
    [InlineData("1.5")]
    [InlineData("-")]
    public void A_priority_that_is_no_whole_number_is_said_to_be_so(string text) =>
        Assert.Contains($"priority '{text}' is not a whole number", Assert.Throws<FormatException>(() => CtlArguments.Priority(text)).Message);
}
