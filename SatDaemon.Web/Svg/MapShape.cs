namespace SatDaemon.Web.Svg;

/// <summary>One thing on a map: rings of [lon, lat], a CSS class (its colour), a tooltip and an optional link.</summary>
/// <param name="CssClass">Classes of its fill, e.g. "frame failing"; its outline, drawn above every fill, gets "edge" and each of them prefixed "edge-".</param>
/// <param name="DataId">Written as data-id (a burst's id on the frame-create map, where a click picks it).</param>
/// <param name="Label">Written beside it when it is large enough on screen (a frame's id once zoomed in).</param>
public sealed record MapShape(IReadOnlyList<IReadOnlyList<double[]>> Rings, string CssClass, string Title, string? Href,
    string? Fill = null, string? DataId = null, string? Label = null);
