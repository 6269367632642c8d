namespace SatDaemon.Configuration;

/// <summary>
/// Finds the known name an operator most likely meant ("pol_interval" → poll_interval, "{fram}" → frame), so that a
/// config error can say "did you mean …?" instead of leaving them to compare spellings at 3 a.m.
/// </summary>
public static class NearestName
{
    /// <summary>The closest of <paramref name="known"/> (case ignored), or null when none is close enough to be a typo.</summary>
    public static string? Find(string wrong, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(wrong);
        var w = wrong.ToLowerInvariant();
        // A typo changes a few letters; more than a third of the word means another word, not a misspelling.
        var limit = Math.Max(2, w.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var d = Distance(w, name.ToLowerInvariant());
            if (d <= limit && d < bestDistance)
            {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>
    /// Edits (insert, delete, replace, swap two neighbours) that turn <paramref name="a"/> into <paramref name="b"/>:
    /// Levenshtein with adjacent transpositions, since swapped letters are the commonest typing slip.
    /// </summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
