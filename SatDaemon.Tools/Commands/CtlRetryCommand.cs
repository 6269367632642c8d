using System.CommandLine;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl retry: failed rows back to waiting, their failed_jobs rows marked retried.</summary>
internal static class CtlRetryCommand
{
    public static Command Build()
    {
        var frame = new Option<string?>("--frame") { Description = "failures of this frame" };
        var jobType = new Option<string?>("--job-type") { Description = "failures of this job type, e.g. coreg" };
        var jobId = new Option<long?>("--job-id") { Description = "the failure of this one job (its id as ctl status shows it)" };
        var all = new Option<bool>("--all") { Description = "every failure not yet retried" };
        var cmd = new Command("retry", "put failed rows back to waiting so the daemon runs them again; filters combine") { frame, jobType, jobId, all };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var selector = new RetrySelector(pr.GetValue(frame), pr.GetValue(jobType), pr.GetValue(jobId)).RequireChosen(pr.GetValue(all));
            var reset = await CtlCommand.Controller(config).RetryAsync(selector, ct);
            var output = pr.InvocationConfiguration.Output;
            output.WriteLine(reset == 0
                ? $"no failed rows to retry for {selector}"
                : $"{reset} failed row(s) of {selector} back to waiting; the daemon will rebuild its job list on its next pass");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
