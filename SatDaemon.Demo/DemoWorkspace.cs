using System.Globalization;
using System.Text;
using SatDaemon.Demo.Synthetic;

namespace SatDaemon.Demo;

/// <summary>
/// The demo's folder: a SQLite database, a data folder of Sentinel-1 zips made from real metadata, a processing
/// folder, and a config whose one `local` machine runs `satdaemon-tools job simulate` for every job type.
/// </summary>
public sealed class DemoWorkspace
{
    public const string FrameId = "064A_DEMO_FRAME";

    /// <param name="dir">The demo folder (made anew).</param>
    /// <param name="toolsDll">The satdaemon-tools.dll its jobs run; by default the one next to the daemon.</param>
    public DemoWorkspace(string dir, string? toolsDll = null)
    {
        Dir = Path.GetFullPath(dir);
        ToolsDll = toolsDll ?? Path.Combine(AppContext.BaseDirectory, "satdaemon-tools.dll");
    }

    public string Dir { get; }
    public string DataDir => Path.Combine(Dir, "data");
    public string ProcDir => Path.Combine(Dir, "processing");
    public string ConfigPath => Path.Combine(Dir, "satdaemon.cfg");

    /// <summary>Where the tools live: next to the daemon unless told (the daemon's build copies them there).</summary>
    public string ToolsDll { get; }

    /// <summary>
    /// Left in every workspace the demo makes: only a folder holding it is the demo's to clear. It is also the
    /// manifest of what the demo wrote under data/ and processing/ (<see cref="DemoManifest"/>), so that a re-run
    /// removes those files one by one and nothing that someone else put beside them.
    /// </summary>
    public const string MarkerName = DemoManifest.FileName;

    /// <summary>The files the demo writes at the top of its folder, by name; replaced on a re-run.</summary>
    private static readonly string[] OwnFiles =
        ["satdaemon.cfg", "satdaemon.db", "satdaemon.db-wal", "satdaemon.db-shm", "satdaemon.db-journal", "template.zip"];

    // Files under data/ and processing/ that were there when this run began: someone else's, never listed as the demo's.
    private HashSet<string> _notOurs = [];

    /// <summary>Files under data/ and processing/ that the demo did not write and left in place (relative paths).</summary>
    public IReadOnlyCollection<string> KeptFiles => _notOurs;

    /// <summary>
    /// Makes the workspace. A missing or empty folder is used as it is; a folder of an earlier demo (it holds the
    /// marker) loses the files that demo wrote — its top-level files by name, and under data/ and processing/ the
    /// files its manifest lists, then the folders that left empty — and nothing else; any other folder, or one from a
    /// demo that kept no manifest, is refused untouched. Returns what was removed, for the demo to say so.
    /// </summary>
    public IReadOnlyList<string> Create()
    {
        var removed = new List<string>();
        if (Directory.Exists(Dir) && Directory.EnumerateFileSystemEntries(Dir).Any())
        {
            var marker = Path.Combine(Dir, MarkerName);
            if (!File.Exists(marker))
                throw new DemoWorkspaceException($"{Dir} is not empty and was not made by the demo ({MarkerName} is missing); "
                    + "nothing was removed. Give an empty or new folder with --dir.");
            var written = DemoManifest.Read(marker)
                ?? throw new DemoWorkspaceException($"{Dir} was made by an earlier version of the demo that did not list the files it wrote; "
                    + "nothing was removed. Give an empty or new folder with --dir.");
            foreach (var name in OwnFiles)
            {
                var path = Path.Combine(Dir, name);
                if (!File.Exists(path)) continue;
                File.Delete(path);
                removed.Add(path);
            }
            var files = 0;
            foreach (var relative in written)
            {
                // Only inside data/ and processing/: a manifest line can never reach anywhere else.
                if (Inside(relative) is not { } path || !File.Exists(path)) continue;
                File.Delete(path);
                files++;
            }
            foreach (var folder in new[] { DataDir, ProcDir }) RemoveEmptyFolders(folder);
            if (files > 0) removed.Add($"{files} files the demo wrote under {DataDir} and {ProcDir}");
        }
        Directory.CreateDirectory(Dir);
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(ProcDir);
        _notOurs = FilesUnderOwnFolders().ToHashSet(StringComparer.Ordinal);
        RecordWritten();
        File.WriteAllText(ConfigPath, ConfigText());
        return removed;
    }

    /// <summary>
    /// Writes the manifest: every file now under data/ and processing/ except those that were there before this run
    /// began. The demo calls it after writing its products and again when its daemon has stopped (also when
    /// interrupted), so the next run can remove exactly these.
    /// </summary>
    public void RecordWritten() =>
        DemoManifest.Write(Path.Combine(Dir, MarkerName), FilesUnderOwnFolders().Where(f => !_notOurs.Contains(f)).Order(StringComparer.Ordinal));

    /// <summary>Relative paths ("data/…", "processing/…") of every file under the two folders.</summary>
    private IEnumerable<string> FilesUnderOwnFolders() =>
        new[] { DataDir, ProcDir }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Dir, f));

    /// <summary>The full path of a manifest line when it lies under data/ or processing/; null otherwise.</summary>
    private string? Inside(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Dir, relative));
        return full.StartsWith(DataDir + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || full.StartsWith(ProcDir + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Removes the folders under (and including) <paramref name="root"/> that hold nothing, deepest first.</summary>
    private static void RemoveEmptyFolders(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var sub in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
            if (!Directory.EnumerateFileSystemEntries(sub).Any()) Directory.Delete(sub);
        if (!Directory.EnumerateFileSystemEntries(root).Any()) Directory.Delete(root);
    }

    /// <summary>
    /// Writes <paramref name="dates"/> products 12 days apart with bursts 2-4 of IW2, plus one more date that
    /// covers only two of them (a partial date, which update-procdates must leave out). Returns the zip paths.
    /// </summary>
    public IReadOnlyList<string> WriteProducts(int dates)
    {
        var templateZip = ExtractTemplate();
        var template = SafeTemplate.Load(templateZip);
        var track = Path.Combine(DataDir, "T064");
        Directory.CreateDirectory(track);
        var zips = new List<string>();
        for (var i = 0; i < dates; i++)
            zips.Add(SyntheticSafeWriter.Write(template, track, new SyntheticSafeOptions { CycleShift = i, FirstBurst = 2, BurstCount = 3 }));
        zips.Add(SyntheticSafeWriter.Write(template, track, new SyntheticSafeOptions { CycleShift = dates, FirstBurst = 2, BurstCount = 2 }));
        File.Delete(templateZip);
        return zips;
    }

    private string ExtractTemplate()
    {
        var path = Path.Combine(Dir, "template.zip");
        using var res = typeof(DemoWorkspace).Assembly.GetManifestResourceStream("demo-template.zip")
            ?? throw new InvalidOperationException("demo template product is missing from the build");
        using var file = File.Create(path);
        res.CopyTo(file);
        return path;
    }

    private string ConfigText()
    {
        var sb = new StringBuilder();
        sb.AppendLine("; written by `satdaemon demo`: a SQLite database, one local machine, job simulate for every job type");
        sb.AppendLine("[PARAMETERS]");
        sb.AppendLine("database = sqlite:///satdaemon.db");
        sb.AppendLine($"data_dir = {DataDir}");
        sb.AppendLine($"proc_dir = {ProcDir}");
        sb.AppendLine($"software_dir = {Dir}");
        sb.AppendLine($"satdaemon_tools = {ToolsDll}");
        sb.AppendLine("poll_interval = 2");
        sb.AppendLine("rsar_connections = 3");
        sb.AppendLine("teams_webhook =");
        sb.AppendLine();
        sb.AppendLine("[PROC_MACHINES]");
        sb.AppendLine("names = local");
        sb.AppendLine("[PROC_MACHINES:local]");
        sb.AppendLine("transport = local");
        sb.AppendLine("host = localhost");
        sb.AppendLine("cpus = 4");
        sb.AppendLine("memory = 16");
        sb.AppendLine("disk = 100");
        foreach (var (type, cpus, memory, disk, outputs) in JobTypes)
        {
            sb.AppendLine();
            sb.AppendLine($"[JOB:{type}]");
            sb.AppendLine($"cpus = {cpus}");
            sb.AppendLine($"memory = {memory.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine($"disk = {disk}");
            sb.AppendLine($"command = dotnet {ToolsDll} job simulate --stage {type} --seconds 1 --progress-steps 2");
            sb.AppendLine($"outputs = {outputs}");
            sb.AppendLine("timeout = 10m");
        }
        return sb.ToString();
    }

    private static readonly (string Type, int Cpus, double Memory, int Disk, string Outputs)[] JobTypes =
    [
        ("download", 1, 2, 40, "{frame_dir}/RAW/{date}/download.ok"),
        ("master_slc", 2, 6, 30, "{frame_dir}/SLC/{date}/{date}.slc"),
        ("master_geo", 2, 6, 20, "{frame_dir}/GEO/{date}.geo"),
        ("slc", 2, 6, 30, "{frame_dir}/SLC/{date}/{date}.slc"),
        ("coreg", 2, 6, 30, "{frame_dir}/RSLC/{date}/{date}.rslc"),
        ("satsar", 2, 8, 20, "{frame_dir}/IFG/{master_date}_{date}/ifg.done"),
        ("coherence", 1, 4, 10, "{frame_dir}/RSAR/{date1}_{date2}/coh.done"),
        ("unwrap", 1, 4, 10, "{frame_dir}/RSAR/{date1}_{date2}/unw.done"),
        ("timeseries", 4, 12, 30, "{frame_dir}/TS/timeseries.done"),
        ("ingest", 1, 4, 20, "{frame_dir}/TS/ingested.done"),
    ];
}
