namespace SatDaemon.Scheduling;

/// <summary>
/// Machine features (free words such as "internet" or "bigmem"): what a machine offers, or what a job type requires or
/// prefers. Kept sorted and without repeats, so two sets with the same words are equal and share one key — the
/// planner caches "no machine fits" per need and required set.
/// </summary>
/// <remarks>Words compare as written (ordinal, case-sensitive), as Slurm compares node features.</remarks>
public sealed class FeatureSet : IEquatable<FeatureSet>
{
    public static readonly FeatureSet None = new([]);

    private readonly string[] _names;

    private FeatureSet(string[] names)
    {
        _names = names;
        Key = string.Join('&', names);
    }

    public static FeatureSet Of(IEnumerable<string> names)
    {
        var sorted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? None : new FeatureSet(sorted);
    }

    public IReadOnlyList<string> Names => _names;

    public bool IsEmpty => _names.Length == 0;

    /// <summary>The words joined by '&amp;' ("bigmem&amp;internet"): the set's identity, and Slurm's --constraint for "all of them".</summary>
    public string Key { get; }

    public bool Contains(string name) => Array.IndexOf(_names, name) >= 0;

    /// <summary>Whether <paramref name="offered"/> has every word of this set (an empty set is met by any machine).</summary>
    public bool AllIn(FeatureSet offered)
    {
        foreach (var n in _names)
        {
            if (!offered.Contains(n))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many words of this set <paramref name="offered"/> has (the scorer's preference).</summary>
    public int CountIn(FeatureSet offered)
    {
        var count = 0;
        foreach (var n in _names)
        {
            if (offered.Contains(n))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The words of this set that <paramref name="offered"/> lacks.</summary>
    public IEnumerable<string> MissingFrom(FeatureSet offered) => _names.Where(n => !offered.Contains(n));

    public bool Equals(FeatureSet? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as FeatureSet);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>"bigmem, internet": the form used in reasons.</summary>
    public override string ToString() => string.Join(", ", _names);
}
