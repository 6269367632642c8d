using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// Measures what a job's command really takes, from /proc, while it runs: every process of job exec's session (when
/// job exec leads one, as launched by the daemon) and every descendant of job exec. A sample is one pass over
/// /proc/[0-9]*/stat, then status and io of the job's own processes only. Linux only; elsewhere <see cref="Finish"/>
/// returns null and nothing is read.
/// <para>
/// Each sample estimates the job's totals so far: what the kernel already accounts to job exec for the children it
/// has waited for (getrusage, /proc/self/io), plus each live or zombie member's own figures including the children it
/// has waited for. A process is in exactly one of those, so nothing counts twice; the figures are the largest estimate
/// seen. Only a process orphaned out of the job's tree that ends between samples loses the time since its last
/// sample. Peak memory is the largest sum of resident memory over the job's processes at one sample, or the largest
/// peak of any single process: seen alive (VmHWM), or reported by the kernel for the processes job exec has waited for
/// (getrusage) when that is more than 25 % above job exec's own resident size at the start — below, it may be the copy
/// of job exec (~90 MB of .NET) that each fork holds until exec. So a small command that ends within the first 0.1 s
/// has no memory figure (0); a big one that peaks and ends between passes is still seen.
/// </para>
/// </summary>
internal sealed class UsageSampler : IAsyncDisposable
{
    /// <summary>
    /// The first samples come soon after the start (then the interval takes over), so that a job of a fraction of a
    /// second is still seen while it runs: its peak memory can only be read from a live process.
    /// </summary>
    public static readonly TimeSpan[] FirstSamplesAfter = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(1500)];

    /// <summary>Then one every 2 s: a pass over /proc costs well under 1 % of a core at this rate (docs/job-protocol.md).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    private const double Mb = 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly int _self = Environment.ProcessId;
    private readonly bool _enabled = OperatingSystem.IsLinux() && Directory.Exists("/proc");
    private readonly CancellationTokenSource _stop = new();
    private bool _leader;
    private double _ticksPerSecond = 100;
    private long _startedAt;
    private long? _endedAt;
    private double _childrenCpuAtStart;
    private (ulong Read, ulong Write) _selfIoAtStart;
    private double _cpuSeconds;
    private double _readBytes;
    private double _writeBytes;
    private long _peakSumKb;
    private long _peakProcessKb;
    private long _forkCopyKb;
    private double _samplerCpuSeconds;
    private double _firstPassCpuSeconds;
    private int _samples;
    private Task _loop = Task.CompletedTask;
    // Measuring must never fail the job: whatever breaks is kept here, sampling stops, and Finish reports it.
    private Exception? _broken;

    public UsageSampler(TimeProvider? time = null, TimeSpan? interval = null)
    {
        _time = time ?? TimeProvider.System;
        _interval = interval ?? DefaultInterval;
    }

    /// <summary>Samples taken so far.</summary>
    public int Samples => _samples;

    /// <summary>CPU time the sampling itself has used (the thread CPU time of every pass).</summary>
    public TimeSpan SamplerCpu => TimeSpan.FromSeconds(_samplerCpuSeconds);

    /// <summary>CPU time of the first pass, which includes compiling the sampler's code (JIT): a one-off, not a rate.</summary>
    public TimeSpan FirstPassCpu => TimeSpan.FromSeconds(_firstPassCpuSeconds);

    /// <summary>Mean CPU time of a pass after the first; null until there has been one.</summary>
    public TimeSpan? PassCpu => _samples > 1 ? TimeSpan.FromSeconds((_samplerCpuSeconds - _firstPassCpuSeconds) / (_samples - 1)) : null;

    /// <summary>
    /// What sampling costs a long job: a pass's mean CPU time per sampling interval, as a fraction of a core (0.001 =
    /// 0.1 %). The first pass (JIT) is left out: it is a one-off of tens of ms, not a rate. Null until two passes ran.
    /// </summary>
    public double? SteadyCost => PassCpu is { } pass ? pass / _interval : null;

    /// <summary>What sampling cost this run: all its CPU time per wall second of the command, the first pass included.</summary>
    public double RunCost => Wall.TotalSeconds > 0 ? _samplerCpuSeconds / Wall.TotalSeconds : 0;

    private TimeSpan Wall => _startedAt == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_startedAt, _endedAt ?? _time.GetTimestamp());

    /// <summary>The command has started: the clock starts, and samples follow until <see cref="CommandEnded"/>.</summary>
    public void Start()
    {
        _startedAt = _time.GetTimestamp();
        if (!_enabled) return;
        try
        {
            _leader = ProcFs.ReadStat(_self)?.Session == _self;
            _ticksPerSecond = NativeUsage.TicksPerSecond();
            _childrenCpuAtStart = NativeUsage.Children().CpuSeconds;
            _forkCopyKb = ProcFs.ReadMemory(_self).RssKb;
            _selfIoAtStart = ProcFs.ReadIo(_self) ?? (0, 0);
        }
        catch (Exception e)
        {
            _broken = e;
            return;
        }
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>The command has exited: the clock stops, and one last sample sees what it left running before that is stopped.</summary>
    public async Task CommandEndedAsync()
    {
        _endedAt ??= _time.GetTimestamp();
        await StopLoopAsync();
        if (_enabled) TrySample();
    }

    /// <summary>
    /// The figures, once the command and what it left have gone (after <see cref="CommandEndedAsync"/>): what the
    /// kernel accounted to job exec for them by now is taken in. Null where nothing can be measured (not Linux).
    /// </summary>
    /// <exception cref="InvalidOperationException">Sampling broke (the cause inside); the job's end is to be recorded without figures.</exception>
    public JobUsage? Finish()
    {
        _endedAt ??= _time.GetTimestamp();
        if (!_enabled || _startedAt == 0) return null;
        TrySample();
        if (_broken is { } broken) throw new InvalidOperationException("sampling the job's use from /proc failed: " + broken.Message, broken);
        lock (_gate)
        {
            return new JobUsage(Wall.TotalSeconds, _cpuSeconds, Math.Max(_peakSumKb, _peakProcessKb) / 1024.0, _readBytes / Mb, _writeBytes / Mb);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stop.Dispose();
    }

    private async Task StopLoopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _loop;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            foreach (var at in FirstSamplesAfter)
            {
                var wait = at - _time.GetElapsedTime(_startedAt);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
                SampleNow();
            }
            using var timer = new PeriodicTimer(_interval, _time);
            while (await timer.WaitForNextTickAsync(ct)) SampleNow();
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            _broken = e;
        }
    }

    private void TrySample()
    {
        if (_broken is not null) return;
        try { SampleNow(); }
        catch (Exception e) { _broken = e; }
    }

    /// <summary>One pass: the job's processes found from one read of every /proc/PID/stat, then their status and io.</summary>
    private void SampleNow()
    {
        lock (_gate)
        {
            var cpuBefore = NativeUsage.ThreadCpuSeconds();
            var (childrenCpu, childrenMaxRssKb) = NativeUsage.Children();
            var selfIo = ProcFs.ReadIo(_self) ?? _selfIoAtStart;
            double cpuTicks = 0, read = 0, write = 0;
            long sumKb = 0;
            foreach (var member in Members(ProcFs.AllStats()))
            {
                cpuTicks += member.CpuTicks;
                if (ProcFs.ReadIo(member.Pid) is { } io) (read, write) = (read + io.Read, write + io.Write);
                if (member.State == 'Z') continue; // a zombie holds no memory
                var (rss, hwm) = ProcFs.ReadMemory(member.Pid);
                sumKb += rss;
                _peakProcessKb = Math.Max(_peakProcessKb, hwm);
            }
            _cpuSeconds = Math.Max(_cpuSeconds, childrenCpu - _childrenCpuAtStart + cpuTicks / _ticksPerSecond);
            _readBytes = Math.Max(_readBytes, selfIo.Read - _selfIoAtStart.Read + read);
            _writeBytes = Math.Max(_writeBytes, selfIo.Write - _selfIoAtStart.Write + write);
            _peakSumKb = Math.Max(_peakSumKb, sumKb);
            // The kernel's peak of a waited-for process catches one that peaked and ended between passes, but it also
            // counts the copy of job exec a fork holds until exec: trusted only when clearly above job exec's own size.
            if (childrenMaxRssKb > _forkCopyKb * 5 / 4) _peakProcessKb = Math.Max(_peakProcessKb, childrenMaxRssKb);
            var passCpu = NativeUsage.ThreadCpuSeconds() - cpuBefore;
            if (_samples++ == 0) _firstPassCpuSeconds = passCpu;
            _samplerCpuSeconds += passCpu;
        }
    }

    /// <summary>job exec's descendants, and the rest of its session when it leads one; job exec itself is not the job.</summary>
    private List<ProcFs.Stat> Members(List<ProcFs.Stat> all)
    {
        var members = new List<ProcFs.Stat>();
        var taken = new HashSet<int> { _self };
        // Descendants, generation by generation: few, so a scan per generation beats building a parent index.
        int before;
        do
        {
            before = members.Count;
            foreach (var s in all)
                if (taken.Contains(s.Ppid) && taken.Add(s.Pid)) members.Add(s);
        }
        while (members.Count > before);
        if (_leader)
            foreach (var s in all)
                if (s.Session == _self && taken.Add(s.Pid)) members.Add(s);
        return members;
    }

    /// <summary>"5 samples; sampling cost 0.41 % of a core over this run, 0.05 % at one pass per 2 s (first pass 30 ms, then 1.0 ms each)".</summary>
    public string CostText()
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var text = string.Create(ci, $"{Samples} samples; sampling cost {RunCost:P2} of a core over this run");
        return SteadyCost is { } steady && PassCpu is { } pass
            ? text + string.Create(ci, $", {steady:P2} at one pass per {DefaultInterval.TotalSeconds:0} s (first pass {FirstPassCpu.TotalMilliseconds:0} ms, then {pass.TotalMilliseconds:0.0} ms each)")
            : text;
    }
}
