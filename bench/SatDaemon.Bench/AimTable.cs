using System.Globalization;
using System.Text;

namespace SatDaemon.Bench;

/// <summary>
/// Issue 18's aims, one row each: what was measured against the aim, the ratio and whether it is met. Printed after the
/// measurement table and ending with "aims met: N of M"; a row not measured counts as not met.
/// </summary>
/// <remarks>
/// The ratio is always "how far from the aim", ≤ 1 when met: measured ÷ aim for an upper bound (time, memory,
/// connections), aim ÷ measured for a lower bound (rates). A row with several parts takes its worst part.
/// </remarks>
public sealed class AimTable
{
    private readonly List<Row> _rows = [];

    private sealed record Row(string Measure, string Measured, string Aim, double? Ratio, string Notes);

    /// <summary>One part of an aim: a figure and its bound.</summary>
    public readonly record struct Part(double Value, double Bound, bool AtLeast = false)
    {
        public double Ratio => AtLeast ? (Value <= 0 ? double.PositiveInfinity : Bound / Value) : Value / Bound;
    }

    /// <summary>An aim measured in full: met when every part's ratio is ≤ 1.</summary>
    public void Add(string measure, string measured, string aim, IEnumerable<Part> parts, string notes = "") =>
        _rows.Add(new Row(measure, measured, aim, parts.Max(p => p.Ratio), notes));

    public void Add(string measure, string measured, string aim, Part part, string notes = "") =>
        Add(measure, measured, aim, [part], notes);

    /// <summary>An aim this run could not measure (or measured only in part): shown, counted as not met.</summary>
    public void NotMeasured(string measure, string aim, string why, string measured = "not measured") =>
        _rows.Add(new Row(measure, measured, aim, null, why));

    public int Met => _rows.Count(r => r.Ratio is <= 1.0);
    public int Count => _rows.Count;

    private static string Ratio(Row r) => r.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "—";
    private static string IsMet(Row r) => r.Ratio is <= 1.0 ? "yes" : "no";

    public string ToText()
    {
        var w1 = Math.Max(7, _rows.Max(r => r.Measure.Length));
        var w2 = Math.Max(8, _rows.Max(r => r.Measured.Length));
        var w3 = Math.Max(3, _rows.Max(r => r.Aim.Length));
        var sb = new StringBuilder();
        sb.AppendLine($"{"measure".PadRight(w1)} | {"measured".PadRight(w2)} | {"aim".PadRight(w3)} | ratio | met | notes");
        sb.AppendLine($"{new string('-', w1)}-+-{new string('-', w2)}-+-{new string('-', w3)}-+-------+-----+------");
        foreach (var r in _rows)
            sb.AppendLine($"{r.Measure.PadRight(w1)} | {r.Measured.PadRight(w2)} | {r.Aim.PadRight(w3)} | {Ratio(r),5} | {IsMet(r),-3} | {r.Notes}");
        sb.AppendLine($"aims met: {Met} of {Count}");
        return sb.ToString();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| measure | measured | aim | ratio | met | notes |");
        sb.AppendLine("|---|---:|---|---:|---|---|");
        foreach (var r in _rows)
            sb.AppendLine($"| {Esc(r.Measure)} | {Esc(r.Measured)} | {Esc(r.Aim)} | {Ratio(r)} | {IsMet(r)} | {Esc(r.Notes)} |");
        sb.AppendLine();
        sb.AppendLine($"aims met: {Met} of {Count}");
        return sb.ToString();
    }

    private static string Esc(string s) => s.Replace("|", "\\|");
}
