using SatDaemon.Tests.Infrastructure;
using System.Net;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Tests.Control;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>The console's JSON API, /metrics and /healthz on a real Kestrel over a database in a known state.</summary>
public abstract class WebApiFacts(WebTestBed bed, ITestOutputHelper output)
{
    private async Task<JsonElement> JsonAsync(string path) => JsonDocument.Parse(await bed.GetAsync(path)).RootElement;

    [ProviderFact]
    public async Task Api_status_has_the_shape_of_ctl_status_json()
    {
        var api = await JsonAsync("/api/status");
        var ctl = JsonDocument.Parse(JsonSerializer.Serialize(
            await new SatDaemonController(bed.Db.Factory).GetStatusAsync(WebTestBed.Machines, TimeSpan.FromSeconds(30)), StatusJson.Options)).RootElement;

        Assert.Equal(ctl.EnumerateObject().Select(p => p.Name), api.EnumerateObject().Select(p => p.Name));
        Assert.Equal("running", api.GetProperty("state").GetString());
        var job = Assert.Single(api.GetProperty("running").EnumerateArray());
        Assert.Equal((WebTestBed.RunningJob, 40.0, "proc01"), (job.GetProperty("job_id").GetInt64(), job.GetProperty("progress").GetDouble(), job.GetProperty("machine").GetString()));
        var proc01 = api.GetProperty("machines").EnumerateArray().First(m => m.GetProperty("machine").GetString() == "proc01");
        Assert.Equal((4, 32), (proc01.GetProperty("cpus").GetInt32(), proc01.GetProperty("cpus_budget").GetInt32()));
    }

    [ProviderFact]
    public async Task Api_frames_counts_rows_by_status_and_open_failures()
    {
        var frames = (await JsonAsync("/api/frames")).EnumerateArray().ToList();

        Assert.Equal(2, frames.Count);
        var one = frames.Single(f => f.GetProperty("id").GetString() == WebTestBed.Frame);
        var rows = one.GetProperty("rows");
        // 1 master (complete) + 2 ifg (running, failed) + 1 rsar_ifg (waiting) = 4 rows, 1 of 4 complete.
        Assert.Equal((4, 1, 1, 1, 1), (rows.GetProperty("total").GetInt32(), rows.GetProperty("complete").GetInt32(),
            rows.GetProperty("running").GetInt32(), rows.GetProperty("failed").GetInt32(), rows.GetProperty("waiting").GetInt32()));
        Assert.Equal(0.25, rows.GetProperty("progress").GetDouble());
        Assert.Equal(1, one.GetProperty("open_failures").GetInt32());
        Assert.Equal("full", one.GetProperty("proc_level").GetString());
        Assert.NotEmpty(one.GetProperty("outline").EnumerateArray());
    }

    [ProviderFact]
    public async Task Api_image_of_a_whole_date_lists_its_file_its_rows_and_its_failure()
    {
        var d = await JsonAsync($"/api/frame/{WebTestBed.Frame}/2020-01-25");

        var file = Assert.Single(d.GetProperty("files").EnumerateArray());
        Assert.Equal((WebTestBed.FullImageFile, 2), (file.GetProperty("id").GetString(), file.GetProperty("frame_bursts").GetInt32()));
        Assert.Equal(["132_8603_IW1", "132_8630_IW1"], d.GetProperty("covered_bursts").EnumerateArray().Select(b => b.GetString()));
        Assert.Empty(d.GetProperty("missing_bursts").EnumerateArray());
        var row = Assert.Single(d.GetProperty("rows").EnumerateArray());
        Assert.Equal(("ifg", "2020-01-25"), (row.GetProperty("table").GetString(), row.GetProperty("label").GetString()));
        var failure = Assert.Single(d.GetProperty("failures").EnumerateArray());
        Assert.Equal(WebTestBed.FailedJob, failure.GetProperty("job_id").GetInt64());
        Assert.NotEmpty(d.GetProperty("events").EnumerateArray());
    }

    [ProviderFact]
    public async Task Api_image_of_a_partial_date_names_the_missing_burst_and_the_rows_using_the_date()
    {
        var d = await JsonAsync($"/api/frame/{WebTestBed.Frame}/2020-01-13");

        Assert.Equal(["132_8603_IW1"], d.GetProperty("covered_bursts").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(["132_8630_IW1"], d.GetProperty("missing_bursts").EnumerateArray().Select(b => b.GetString()));
        // The ifg of the date and the rsar_ifg pair that ends on it.
        Assert.Equal(["2020-01-13", "2020-01-01_2020-01-13"], d.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
        Assert.Empty(d.GetProperty("failures").EnumerateArray());
    }

    [ProviderFact]
    public async Task Api_image_refuses_a_bad_date_and_an_unknown_frame()
    {
        var bad = await bed.Http.GetAsync($"{bed.BaseUrl}/api/frame/{WebTestBed.Frame}/2020-13-45");
        var unknown = await bed.Http.GetAsync($"{bed.BaseUrl}/api/frame/NO_SUCH_FRAME/2020-01-13");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (bad.StatusCode, unknown.StatusCode));
        Assert.Contains("2020-13-45", await bad.Content.ReadAsStringAsync());
    }

    [ProviderFact]
    public async Task Api_frame_has_the_grid_bursts_and_failures_with_log_tail()
    {
        var d = await JsonAsync("/api/frame/" + WebTestBed.Frame);

        var ifg = d.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == "2020-01-13");
        var cells = ifg.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("stage").GetString()!, c => c.GetProperty("status").GetString());
        // proc_stage 2 (slc) running: download before it is complete, coreg after it still to do, master stages not in its chain.
        Assert.Equal(("complete", "running", "todo", "none"), (cells["download"], cells["slc"], cells["coreg"], cells["master_slc"]));
        Assert.Equal(2, d.GetProperty("bursts").GetArrayLength());
        var failure = Assert.Single(d.GetProperty("failures").EnumerateArray());
        Assert.Equal((3, WebTestBed.LogTail), (failure.GetProperty("exit_code").GetInt32(), failure.GetProperty("log_tail").GetString()));
    }

    [ProviderFact]
    public async Task Api_frame_of_an_unknown_frame_is_404()
    {
        var response = await bed.Http.GetAsync(bed.BaseUrl + "/api/frame/999A_NOPE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task Api_jobs_filters_by_machine_and_by_frame()
    {
        var byMachine = await JsonAsync("/api/jobs?machine=proc02");
        Assert.Empty(byMachine.GetProperty("running").EnumerateArray());
        Assert.Equal(WebTestBed.FailedJob, Assert.Single(byMachine.GetProperty("failed").EnumerateArray()).GetProperty("job_id").GetInt64());

        var byFrame = await JsonAsync("/api/jobs?frame=" + Uri.EscapeDataString(WebTestBed.ScriptFrame));
        Assert.Equal(1, byFrame.GetProperty("pending_total").GetInt32());
        Assert.Empty(byFrame.GetProperty("failed").EnumerateArray());
    }

    [ProviderFact]
    public async Task Api_bursts_filters_by_track()
    {
        var bursts = (await JsonAsync("/api/bursts?track=132")).EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToList();

        Assert.Equal(["132_8603_IW1", "132_8630_IW1"], bursts);
    }

    [ProviderFact]
    public async Task Metrics_scrape_has_the_named_series()
    {
        var text = await bed.GetAsync("/metrics");

        Assert.Contains("satdaemon_up 1", text);
        Assert.Contains("satdaemon_pending_jobs 2", text);
        Assert.Contains("satdaemon_running_jobs{machine=\"proc01\"} 1", text);
        Assert.Contains("satdaemon_machine_used{machine=\"proc01\",resource=\"cpus\"} 4", text);
        Assert.Contains("satdaemon_machine_budget{machine=\"proc02\",resource=\"memory_gb\"} 64", text);
        Assert.Contains("satdaemon_job_events_total{kind=\"launched\"} 2", text);
        Assert.Contains("satdaemon_failed_jobs{job_type=\"download\",retried=\"false\"} 1", text);
        Assert.Contains("satdaemon_heartbeat_age_seconds", text);
    }

    [ProviderFact]
    public async Task Api_status_and_the_overview_show_when_the_job_list_was_last_rebuilt()
    {
        var api = await JsonAsync("/api/status");
        var overview = await bed.GetAsync("/");

        var shown = api.GetProperty("last_joblist_at").GetDateTime();
        output.WriteLine($"seeded {bed.JobListBuiltAt:O}, /api/status last_joblist_at {shown:O}");
        Assert.Equal(bed.JobListBuiltAt, shown.ToUniversalTime());
        // Seeded two hours back, so the age reads 2h00m for the hour after the seed, whatever the test order.
        // The age is a span.age (the live refresh keeps it current between polls) carrying the instant.
        Assert.Matches("job list rebuilt <span class=\"age\" data-at=\"[^\"]+\">2h00m</span> ago", overview);
    }

    [ProviderFact]
    public async Task Healthz_answers_ok_while_the_database_answers()
    {
        Assert.Equal("ok\n", await bed.GetAsync("/healthz"));
    }

    [ProviderFact]
    public async Task A_script_frame_id_is_shown_as_text_on_every_page()
    {
        foreach (var path in new[] { "/", "/frames", "/jobs", "/map", "/frames/" + Uri.EscapeDataString(WebTestBed.ScriptFrame) })
        {
            var html = await bed.GetAsync(path);
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert(", html);
        }
        var jobs = await bed.GetAsync("/jobs");
        Assert.Contains("ERROR: &lt;orbit&gt; file S1A_OPER missing &amp; no fallback", jobs);
    }

    [ProviderFact]
    public async Task Pages_allow_only_the_console_s_own_script()
    {
        var response = await bed.Http.GetAsync(bed.BaseUrl + "/");

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'sha256-", csp);
        Assert.DoesNotContain("script-src 'unsafe-inline'", csp);
    }
}

public sealed class WebApiSqliteFacts(SqliteWebBedFixture fixture, ITestOutputHelper output) : WebApiFacts(fixture.Bed, output), IClassFixture<SqliteWebBedFixture>;

public sealed class WebApiPostgresFacts(PostgresWebBedFixture fixture, ITestOutputHelper output) : WebApiFacts(fixture.Bed, output), IClassFixture<PostgresWebBedFixture>, IPostgresProviderFacts;
