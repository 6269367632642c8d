namespace SatDaemon.Web.Svg;

/// <summary>One thing on a map: rings of [lon, lat], a CSS class (its colour), a tooltip and an optional link.</summary>
/// <param name="DataId">Written as data-id (a burst's id on the frame-create map, where a click picks it).</param>
public sealed record MapShape(IReadOnlyList<IReadOnlyList<double[]>> Rings, string CssClass, string Title, string? Href, string? Fill = null, string? DataId = null);
