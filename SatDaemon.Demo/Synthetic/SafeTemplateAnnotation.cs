namespace SatDaemon.Demo.Synthetic;

/// <summary>One annotation of a <see cref="SafeTemplate"/>.</summary>
/// <param name="FileName">e.g. <c>s1a-iw1-slc-vv-20200511t135119-20200511t135144-032518-03c421-004.xml</c>.</param>
/// <param name="Swath">IW1, IW2 or IW3.</param>
/// <param name="Polarisation">VV, VH, HH or HV.</param>
/// <param name="Xml">The annotation text.</param>
public sealed record SafeTemplateAnnotation(string FileName, string Swath, string Polarisation, string Xml);
