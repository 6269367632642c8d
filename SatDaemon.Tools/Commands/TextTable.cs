namespace SatDaemon.Tools.Commands;

/// <summary>Left-aligned columns padded to their widest cell, for tables printed to a terminal.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output, string indent = "  ")
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(headers, widths, indent));
        foreach (var r in _rows) output.WriteLine(Line(r, widths, indent));
    }

    // The last column is not padded, so long messages do not leave trailing blanks.
    private static string Line(string[] cells, int[] widths, string indent) =>
        indent + string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
}
