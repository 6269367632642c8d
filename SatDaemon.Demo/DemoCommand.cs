using System.CommandLine;
using SatDaemon.Configuration;

namespace SatDaemon.Demo;

/// <summary>`satdaemon demo [--dir DIR] [--dates N]`.</summary>
public static class DemoCommand
{
    /// <param name="daemon">Builds the real daemon the demo runs (the daemon's executable passes DemoDaemon.Build).</param>
    public static Command Build(DemoDaemonFactory daemon)
    {
        var dir = new Option<string>("--dir") { Description = "workspace folder: new, empty, or one an earlier demo made (only what the demo wrote there is replaced)", DefaultValueFactory = _ => "demo-workspace" };
        var dates = new Option<int>("--dates") { Description = "acquisition dates to make (at least 2)", DefaultValueFactory = _ => 4 };
        var listen = new Option<string?>("--listen") { Description = "HOST:PORT for the web console while the demo runs (default 127.0.0.1:8080, or a free port when that is busy)" };
        var cmd = new Command("demo", "run the whole chain on the embedded SQLite default: make data, ingest, create a frame, process it, summarise");
        cmd.Options.Add(dir);
        cmd.Options.Add(dates);
        cmd.Options.Add(listen);
        cmd.SetAction(async (pr, ct) =>
        {
            var n = pr.GetValue(dates);
            if (n < 2)
            {
                Console.Error.WriteLine("demo: --dates must be at least 2");
                return 2;
            }
            ListenAddress? address = null;
            if (pr.GetValue(listen) is { } text && !ListenAddress.TryParse(text, out address))
            {
                Console.Error.WriteLine($"demo: --listen '{text}' is not HOST:PORT");
                return 2;
            }
            return await new DemoRunner(new DemoWorkspace(pr.GetValue(dir)!), Console.Out, n, daemon, address).RunAsync(ct);
        });
        return cmd;
    }
}
