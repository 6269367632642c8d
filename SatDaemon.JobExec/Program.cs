using SatDaemon.Configuration;
using SatDaemon.JobExec;

JobExecArguments parsed;
SatDaemonConfig config;
try
{
    parsed = JobExecArguments.Parse(args);
    config = ConfigLoader.Load(parsed.ConfigPath);
}
catch (Exception e) when (e is FormatException or ConfigException)
{
    await Console.Error.WriteLineAsync($"satdaemon-job-exec: error: {e.Message}\n{JobExecArguments.Usage}");
    return 1;
}
return await new NativeJobExec(config, parsed).RunAsync();
