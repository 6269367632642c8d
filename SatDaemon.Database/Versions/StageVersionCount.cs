namespace SatDaemon.Database.Versions;

/// <summary>
/// frame versions: <paramref name="Rows"/> rows of <paramref name="Table"/> have done <paramref name="Stage"/> with
/// <paramref name="Version"/> (null: none recorded: run before versions were kept, or with none configured).
/// </summary>
public sealed record StageVersionCount(string Table, string Stage, int Order, string? Version, int Rows)
{
    /// <summary>False for a version that compares as text (see <see cref="SoftwareVersionOrder"/>).</summary>
    public bool Numeric => Version is null || SoftwareVersionOrder.IsNumeric(Version);
}
