namespace SatDaemon.Web.Svg;

/// <summary>One part of a stacked bar: what a job holds, with the tooltip that names the job.</summary>
public sealed record BarSegment(double Amount, string Label, string ColourKey);
