using System.Runtime.CompilerServices;
using System.Text;

namespace SatDaemon.Web.Html;

/// <summary>Collects markup; <see cref="Add"/> escapes every interpolated value (see <see cref="HtmlHandler"/>).</summary>
public sealed class HtmlBuilder
{
    internal StringBuilder Buffer { get; } = new();

    public HtmlBuilder Add([InterpolatedStringHandlerArgument("")] HtmlHandler markup)
    {
        _ = markup; // the handler has already written into Buffer
        return this;
    }

    public SafeHtml ToHtml() => new(Buffer.ToString());
}
