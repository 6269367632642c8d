namespace SatDaemon.Web.Html;

/// <summary>Markup this code built (escaped holes, SVG of numbers); the one thing <see cref="HtmlBuilder"/> inserts unescaped.</summary>
public readonly record struct SafeHtml(string Markup)
{
    public static readonly SafeHtml Empty = new("");

    public override string ToString() => Markup;
}
