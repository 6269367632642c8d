using System.Text;

namespace SatDaemon.Bench;

/// <summary>The printed result: one row per measurement, as an aligned text table or as Markdown.</summary>
public sealed class ResultTable
{
    private readonly List<(string What, string Result, string Notes)> _rows = [];

    public void Add(string what, string result, string notes = "") => _rows.Add((what, result, notes));

    public string ToText()
    {
        var w1 = Math.Max(11, _rows.Max(r => r.What.Length));
        var w2 = Math.Max(6, _rows.Max(r => r.Result.Length));
        var sb = new StringBuilder();
        sb.AppendLine($"{"Measurement".PadRight(w1)} | {"Result".PadRight(w2)} | Notes");
        sb.AppendLine($"{new string('-', w1)}-+-{new string('-', w2)}-+-{new string('-', 40)}");
        foreach (var (what, result, notes) in _rows) sb.AppendLine($"{what.PadRight(w1)} | {result.PadRight(w2)} | {notes}");
        return sb.ToString();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Measurement | Result | Notes |");
        sb.AppendLine("|---|---:|---|");
        foreach (var (what, result, notes) in _rows) sb.AppendLine($"| {what} | {result} | {notes.Replace("|", "\\|")} |");
        return sb.ToString();
    }
}
