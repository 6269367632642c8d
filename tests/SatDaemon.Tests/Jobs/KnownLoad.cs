using System.Globalization;
using System.Text.RegularExpressions;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A shell script with a known use, made of coreutils only (Debian base): dd holds an N MB buffer resident while a
/// reader sleeps T seconds before draining it, K busy loops burn a core each for T seconds (timeout), and dd writes M MB
/// to a file with conv=fsync. It ends with the shell's own `times`: the CPU time of every child it waited for, as the
/// kernel counted it — the truth the job's measured CPU is compared with, independent of job exec.
/// </summary>
public sealed partial record KnownLoad(int MemoryMb, int Cores, int Seconds, int WriteMb)
{
    public const string TimesMarker = "known-load children cpu:";

    /// <param name="outputFile">Where the M MB go (a folder the job's user may write).</param>
    public string Script(string outputFile) => string.Create(CultureInfo.InvariantCulture, $$"""
        dd if=/dev/zero bs={{MemoryMb}}M count=1 iflag=fullblock 2>/dev/null | { sleep {{Seconds}}; cat >/dev/null; } &
        i=0
        while [ $i -lt {{Cores}} ]; do timeout {{Seconds}} sh -c 'while :; do :; done' & i=$((i+1)); done
        dd if=/dev/zero of='{{outputFile}}' bs=1M count={{WriteMb}} conv=fsync 2>/dev/null
        wait
        rm -f '{{outputFile}}'
        echo '{{TimesMarker}}'
        times
        """);

    /// <summary>
    /// The children's user + system seconds from the `times` lines after the marker in <paramref name="log"/>: dash and
    /// bash print the shell's own times, then its children's ("0m5.920000s 0m0.012000s").
    /// </summary>
    public static double ChildrenCpuSeconds(string log)
    {
        var at = log.LastIndexOf(TimesMarker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("no `times` output in the log:\n" + log);
        var lines = log[(at + TimesMarker.Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => Times().IsMatch(l)).ToList();
        if (lines.Count < 2) throw new InvalidOperationException("`times` printed fewer than two lines:\n" + log);
        return Times().Matches(lines[1]).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60
            + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The sampler's own cost job exec wrote to the log, as fractions of a core: over the run, and per pass at the
    /// sampling interval (long jobs; NaN when the run was too short for a second pass).
    /// </summary>
    public static (double Run, double Steady) SamplingCost(string log)
    {
        var run = RunCost().Match(log);
        var steady = SteadyCost().Match(log);
        return (run.Success ? Percent(run) : double.NaN, steady.Success ? Percent(steady) : double.NaN);

        static double Percent(Match m) => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
    }

    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex Times();

    [GeneratedRegex(@"sampling cost ([\d.]+) ?% of a core over this run")]
    private static partial Regex RunCost();

    [GeneratedRegex(@", ([\d.]+) ?% at one pass per")]
    private static partial Regex SteadyCost();
}
