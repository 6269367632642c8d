using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDaemon.JobProtocol;

/// <summary>
/// The spool file job exec writes before it records a job's end: &lt;logfile&gt;.outcome.json, e.g.
/// {"jobId":17,"success":false,"exitCode":137,"signal":9,"error":"killed by signal 9 (SIGKILL)","logTail":"…",
/// "usage":{"wallS":12.3,"cpuS":20.1,"peakRssMb":512,"readMb":0,"writeMb":100}}.
/// When the database could not be reached, the daemon finds the process gone and records the outcome from here.
/// "usage" is absent in files of job exec versions before it (and where nothing could be measured): null then.
/// After a successful database write job exec deletes it.
/// </summary>
public sealed record JobOutcomeFile(
    [property: JsonPropertyName("jobId")] long JobId,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("signal")] int? Signal,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("logTail")] string? LogTail,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobUsage? Usage = null)
{
    public const string Suffix = ".outcome.json";

    // The daemon reads the file with cat over SSH and parses the text as is; a byte-order mark would break that.
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static string PathFor(string logPath) => logPath + Suffix;

    /// <summary>
    /// Writes to a temporary name in the same folder, then renames: a reader never sees half a file. The temporary
    /// file is created new with <see cref="JobFileMode"/> (a leftover of a crashed writer with the same pid is
    /// removed first, as its mode could be wider), and the rename keeps that mode.
    /// </summary>
    public void Write(string path)
    {
        var tmp = $"{path}.{Environment.ProcessId}.tmp";
        File.Delete(tmp);
        using (var file = new StreamWriter(tmp, NoBom, JobFileMode.Options(FileMode.CreateNew, FileAccess.Write))) file.Write(ToJson());
        File.Move(tmp, path, overwrite: true);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JobProtocolJson.Default.JobOutcomeFile);

    /// <summary>Parses the file's text; throws JsonException when it is not an outcome file.</summary>
    public static JobOutcomeFile Parse(string json) =>
        JsonSerializer.Deserialize(json, JobProtocolJson.Default.JobOutcomeFile) ?? throw new JsonException("outcome file is empty (null)");

    /// <summary>Reads the spool file; null when there is none.</summary>
    public static JobOutcomeFile? TryRead(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
}

/// <summary>The spool file's JSON, generated at compile time: the native job exec (NativeAOT, trimmed) has no reflection-based serializer.</summary>
[JsonSerializable(typeof(JobOutcomeFile))]
internal sealed partial class JobProtocolJson : JsonSerializerContext;
