using SatDaemon.Demo.Synthetic;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>Builds a data directory ({data_dir}/T{track}/…) from the real test products and synthetic dates made from them.</summary>
internal sealed class IngestDataDir(string root)
{
    private static readonly Lazy<SafeTemplate> Template64 = new(() => SafeTemplate.Load(TestData.Path(S1Files.Track64)));

    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    /// <summary>Folder {root}/{sub}, created.</summary>
    public string Dir(string sub) => Directory.CreateDirectory(Path.Combine(Root, sub)).FullName;

    public string CopyReal(string sub, string file)
    {
        var target = Path.Combine(Dir(sub), file);
        File.Copy(TestData.Path(file), target, overwrite: true);
        return target;
    }

    /// <summary>A synthetic product of track 64 (the real 2022 product moved by whole 12-day cycles).</summary>
    public string Synthetic64(string sub, SyntheticSafeOptions options) => SyntheticSafeWriter.Write(Template64.Value, Dir(sub), options);

    /// <summary>Track 64 dates 2022-10-16 + 12·cycle; <paramref name="partial"/> cycles get only the first five IW2 bursts.</summary>
    public void Dates64(IEnumerable<int> cycles, params int[] partial)
    {
        foreach (var c in cycles)
            Synthetic64("T064", new SyntheticSafeOptions { CycleShift = c, BurstCount = partial.Contains(c) ? 5 : null });
    }

    public static DateOnly Date64(int cycle) => new DateOnly(2022, 10, 16).AddDays(12 * cycle);
}
