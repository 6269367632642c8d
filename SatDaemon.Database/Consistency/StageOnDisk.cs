using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Consistency;

/// <summary>
/// Reads, for one row, which stages of its chain left their outputs on disk: each stage's job type's `outputs`
/// templates expanded with the row's placeholders. The templates are tried once up front, so a template that uses a
/// placeholder its jobs never have stops the run with one message instead of failing on every row.
/// </summary>
public sealed class StageOnDisk
{
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> _templates;

    private StageOnDisk(Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> templates) => _templates = templates;

    /// <summary>Takes each stage's outputs from the config. Throws ConfigException for a template its rows cannot expand.</summary>
    public static StageOnDisk Load(SatDaemonConfig config, StageCatalog stages)
    {
        var templates = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var table in new[] { TargetTables.Master, TargetTables.Ifg, TargetTables.RsarIfg, TargetTables.Frames })
        {
            var sample = Sample(config, table);
            var chain = new List<IReadOnlyList<string>>();
            foreach (var stage in stages.Chain(table))
            {
                var type = config.JobType(stage.JobType);
                foreach (var t in type.Outputs) Validate(config, type.Name, t, sample);
                chain.Add(type.Outputs);
            }
            templates[table] = chain;
        }
        return new StageOnDisk(templates);
    }

    /// <summary>Evidence of every stage of <paramref name="table"/>'s chain for the row the placeholders describe. Throws FormatException when a value is absent (no master date).</summary>
    public IReadOnlyList<StageEvidence> Read(string table, JobPlaceholders values) =>
        _templates[table].Select(outputs => Evidence(outputs, values)).ToList();

    private static StageEvidence Evidence(IReadOnlyList<string> outputs, JobPlaceholders values)
    {
        if (outputs.Count == 0) return StageEvidence.NotConfigured;
        // Expand all first: a row we cannot name outputs for must fail as a whole, not count as "missing".
        var paths = outputs.Select(t => CommandTemplate.Expand(t, values)).ToList();
        return paths.All(IsPresent) ? StageEvidence.Present : StageEvidence.Missing;
    }

    /// <summary>A file counts when it is not empty (a zero-byte file is what a killed job often leaves); a folder when it holds something.</summary>
    public static bool IsPresent(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists) return file.Length > 0;
        return Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();
    }

    // Placeholders shaped like the table's real rows, with made-up values: only which names have a value matters.
    private static JobPlaceholders Sample(SatDaemonConfig config, string table)
    {
        var d = new DateOnly(2000, 1, 1);
        return table switch
        {
            TargetTables.RsarIfg => JobPlaceholders.For(config, "000A_CHECK_ONLY", d, d.AddDays(12), d, null),
            TargetTables.Frames => JobPlaceholders.For(config, "000A_CHECK_ONLY", null, null, d, null),
            _ => JobPlaceholders.For(config, "000A_CHECK_ONLY", d, null, d, null),
        };
    }

    private static void Validate(SatDaemonConfig config, string jobType, string template, JobPlaceholders sample)
    {
        try
        {
            CommandTemplate.Expand(template, sample);
        }
        catch (FormatException e)
        {
            throw new ConfigException(config.FilePath, "JOB:" + jobType, "outputs", e.Message + " (check-db-consistency expands outputs without a job id)");
        }
    }
}
