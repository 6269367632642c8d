namespace SatDaemon.Web.Data;

/// <summary>The Jobs page's filters; null or empty matches everything.</summary>
public sealed record JobFilter(string? Frame, string? Type, string? Machine)
{
    public static readonly JobFilter None = new(null, null, null);

    public bool IsEmpty => string.IsNullOrEmpty(Frame) && string.IsNullOrEmpty(Type) && string.IsNullOrEmpty(Machine);
}
