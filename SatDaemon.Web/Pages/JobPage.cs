using SatDaemon.Control;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>
/// One job: what `ctl show` gives (frame, type, stage, dates, machine, pid or Slurm id, budget, times, state, exit,
/// error, events), its budget beside its measured use (job_usage), and its log as `ctl log` reads it. While the job runs
/// the log is tailed live by the console's script, polling /jobs/{id}/log?from=OFFSET.
/// </summary>
internal static class JobPage
{
    /// <summary>The page shows at most the last this many bytes of a log; the download link has all of it.</summary>
    public const int LogShownBytes = 256 * 1024;

    /// <param name="log">The log's last part, or null when it could not be read (<paramref name="logProblem"/> says why).</param>
    public static SafeHtml Render(JobPageView v, DateTime now, LogChunk? log, string? logProblem)
    {
        var d = v.Details;
        var h = new HtmlBuilder();
        h.Add($"""<h1>Job {JobLinks.JobLabel(d.JobId)} <span class="badge job-state job-state-{d.State.ToLowerInvariant()}" id="job-state">{d.State}</span></h1>""");
        h.Add($"""<div class="scroll"><table class="facts" id="job-facts"><tbody>""");
        Fact(h, "frame", d.FrameId is null ? new HtmlBuilder().Add($"-").ToHtml() : new HtmlBuilder().Add($"""<a href="{Format.FrameHref(d.FrameId)}">{d.FrameId}</a>""").ToHtml());
        Fact(h, "type", Text(d.JobType ?? "-"));
        Fact(h, "stage", Text(d.StageName ?? "-"));
        Fact(h, "date", Text(Format.Dates(d.Date, d.Date2)));
        Fact(h, "machine", Text(d.Machine ?? "-"));
        Fact(h, "version", Text(d.SoftwareVersion ?? "-"));
        Fact(h, v.SlurmJobId is null ? "pid" : "Slurm job", Text(v.SlurmJobId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? d.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
        Fact(h, "queued", Text(When(d.QueuedAt)));
        Fact(h, "launched", Text(When(d.LaunchedAt)));
        Fact(h, "ended", Text(When(d.EndedAt)));
        if (d.LaunchedAt is { } started) Fact(h, v.Running ? "running for" : "took", Text(Format.Age((d.EndedAt ?? now) - started)));
        if (d.Progress is { } p) Fact(h, "progress", Text(Format.Percent(p / 100)));
        if (d.ExitCode is { } exit) Fact(h, "exit code", Text(exit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(d.Error)) Fact(h, v.Running ? "stop reason" : "error", new HtmlBuilder().Add($"""<span id="job-error">{d.Error}</span>""").ToHtml());
        if (d.CancelRequestedBy is not null) Fact(h, "cancel", Text("requested by " + d.CancelRequestedBy));
        h.Add($"""</tbody></table></div>""");

        Use(h, v);
        Log(h, v, log, logProblem);

        h.Add($"""<h2>Events ({d.Events.Count})</h2>""");
        if (d.Events.Count == 0) h.Add($"""<p class="muted">none</p>""");
        else
        {
            h.Add($"""<div class="scroll"><table class="events" id="job-events"><thead><tr><th>time</th><th>event</th><th>machine</th><th>message</th></tr></thead><tbody>""");
            foreach (var e in d.Events) h.Add($"""<tr><td>{Format.Time(e.Time)}</td><td>{e.Kind}</td><td>{e.Machine ?? ""}</td><td>{e.Message ?? ""}</td></tr>""");
            h.Add($"""</tbody></table></div>""");
        }
        return h.ToHtml();
    }

    /// <summary>Budget beside measured use: while it runs the budget it holds; after, what job exec measured for each run.</summary>
    private static void Use(HtmlBuilder h, JobPageView v)
    {
        var d = v.Details;
        h.Add($"""<h2>Budget and use</h2>""");
        var last = v.Usage.LastOrDefault();
        if (d.Cpus is null && last is null) { h.Add($"""<p class="muted" id="job-use">no budget kept (the job has ended) and no use measured</p>"""); return; }
        h.Add($"""<div class="scroll"><table id="job-use"><thead><tr><th>resource</th><th>budget</th><th>measured</th></tr></thead><tbody>""");
        var cpus = d.Cpus ?? last?.BudgetCpus;
        var memory = d.Memory ?? last?.BudgetMemory;
        var disk = d.Disk ?? last?.BudgetDisk;
        h.Add($"""<tr><td>cpus</td><td class="num">{Opt(cpus)}</td><td class="num">{(last is null ? "-" : Format.Number(last.MeanCores) + " cores on average")}</td></tr>""");
        h.Add($"""<tr{(last is not null && memory is { } mb && last.PeakRssMb / 1024 > mb ? new SafeHtml(" class=\"over\"") : SafeHtml.Empty)}><td>memory</td><td class="num">{(memory is { } m ? Format.Number(m) + " GB" : "-")}</td><td class="num">{(last is null ? "-" : Format.Number(last.PeakRssMb / 1024) + " GB peak")}</td></tr>""");
        h.Add($"""<tr><td>disk-I/O</td><td class="num">{Opt(disk)}</td><td class="num">{(last is null ? "-" : $"{Format.Number(last.ReadMb)} MB read, {Format.Number(last.WriteMb)} MB written")}</td></tr>""");
        if (last is not null) h.Add($"""<tr><td>wall time</td><td></td><td class="num">{Format.Age(TimeSpan.FromSeconds(last.WallS))}</td></tr>""");
        h.Add($"""</tbody></table></div>""");
        if (last is null) h.Add($"""<p class="muted">use is measured by job exec and kept when the job ends</p>""");
        if (v.Usage.Count > 1) h.Add($"""<p class="muted">{v.Usage.Count} runs measured; the last is shown</p>""");
    }

    private static void Log(HtmlBuilder h, JobPageView v, LogChunk? log, string? problem)
    {
        var d = v.Details;
        var href = JobLinks.JobHref(d.JobId) + "/log";
        h.Add($"""<h2>Log</h2><p class="muted log-path">{d.LogPath ?? "no log path recorded"}""");
        if (d.LogPath is not null) h.Add($""" · <a href="{href}" id="log-download" download>download the whole log</a>""");
        h.Add($"""</p>""");
        if (log is null)
        {
            h.Add($"""<p class="control-error" id="log-problem">{problem ?? "no log"}</p>""");
            // A running job's log may appear later (the job has not written it yet): the tail starts from 0 then.
            if (v.Running && d.LogPath is not null) h.Add($"""<pre class="log job-log" id="job-log" data-log-src="{href}" data-log-from="0" data-log-live="1"></pre>""");
            if (!v.Running && !string.IsNullOrEmpty(v.FailureLogTail)) h.Add($"""<p>the tail failed_jobs kept:</p><pre class="log">{v.FailureLogTail}</pre>""");
            return;
        }
        if (log.Start > 0) h.Add($"""<p class="muted" id="log-cut">the last {Format.Number(log.End - log.Start)} of {Format.Number(log.Length)} bytes; the download has all of it</p>""");
        h.Add($"""<pre class="log job-log" id="job-log" data-log-src="{href}" data-log-from="{log.End}"{(v.Running ? new SafeHtml(" data-log-live=\"1\"") : SafeHtml.Empty)}>{log.Text}</pre>""");
        if (v.Running) h.Add($"""<p class="muted" id="log-live">following the log while the job runs</p>""");
    }

    private static void Fact(HtmlBuilder h, string name, SafeHtml value) => h.Add($"""<tr><th>{name}</th><td>{value}</td></tr>""");

    private static SafeHtml Text(string s) => new HtmlBuilder().Add($"{s}").ToHtml();

    private static string When(DateTime? t) => t is { } v ? Format.Time(v) : "-";

    private static string Opt(int? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
