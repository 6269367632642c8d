using SatDaemon.Database;
using SatDaemon.Database.ReadModels;
using SatDaemon.Configuration;

namespace SatDaemon.Demo;

/// <summary>One line per second: what runs (with progress), the machine's use against its budget, what is done.</summary>
public sealed class DemoLiveView(SatDbFactory factory, MachineOptions machine, TextWriter output)
{
    private string _last = "";

    public int MaxJobs { get; private set; }
    public int MaxCpus { get; private set; }
    public double MaxMemory { get; private set; }
    public bool BudgetExceeded { get; private set; }

    public async Task PrintAsync(CancellationToken ct)
    {
        try
        {
            // Three reads a second, as before the read model: the summary's stage-row counts are not needed here.
            var (running, finished, pending) = await new ProgressQueries(factory).LiveAsync(ct);
            var cpus = running.Sum(r => r.Cpus);
            var memory = running.Sum(r => r.Memory);
            var disk = running.Sum(r => r.Disk);
            MaxJobs = Math.Max(MaxJobs, running.Count);
            MaxCpus = Math.Max(MaxCpus, cpus);
            MaxMemory = Math.Max(MaxMemory, memory);
            if (cpus > machine.Cpus || memory > machine.Memory || disk > machine.Disk) BudgetExceeded = true;
            var jobs = string.Join("  ", running.Select(r =>
                $"{r.StageName} {(r.Date2 is { } d2 ? $"{r.Date:MMdd}-{d2:MMdd}" : r.Date is { } d ? d.ToString("MM-dd") : "frame")} {r.Progress ?? 0:0}%"));
            var line = $"  {DateTime.Now:HH:mm:ss} cpu {cpus}/{machine.Cpus} mem {memory:0}/{machine.Memory:0} GB disk {disk}/{machine.Disk} | done {finished}, pending {pending} | {jobs}";
            if (line[10..] != (_last.Length > 10 ? _last[10..] : "")) output.WriteLine(line);
            _last = line;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.WriteLine($"  (view: {e.Message})");
        }
    }
}
