using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace SatDaemon.Web.Html;

/// <summary>
/// Interpolated markup whose holes are HTML-escaped unless they are <see cref="SafeHtml"/>: a frame id, message or
/// log tail from the database cannot become markup by forgetting a call, since escaping is what a hole does.
/// </summary>
[InterpolatedStringHandler]
public readonly ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        _ = literalLength;
        _ = formattedCount;
        _sb = builder.Buffer;
    }

    public void AppendLiteral(string s) => _sb.Append(s);

    public void AppendFormatted(SafeHtml html) => _sb.Append(html.Markup);

    public void AppendFormatted(string? value) => _sb.Append(HtmlEncoder.Default.Encode(value ?? ""));

    public void AppendFormatted<T>(T value) => AppendFormatted(Convert.ToString(value, CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        AppendFormatted(value.ToString(format, CultureInfo.InvariantCulture));
}
