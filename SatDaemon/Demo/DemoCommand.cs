using System.CommandLine;

namespace SatDaemon.Demo;

/// <summary>`satdaemon demo [--dir DIR] [--dates N]`.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var dir = new Option<string>("--dir") { Description = "workspace folder: new, empty, or one an earlier demo made (only what the demo wrote there is replaced)", DefaultValueFactory = _ => "demo-workspace" };
        var dates = new Option<int>("--dates") { Description = "acquisition dates to make (default 4, at least 2)", DefaultValueFactory = _ => 4 };
        var cmd = new Command("demo", "run the whole chain on the embedded SQLite default: make data, ingest, create a frame, process it, summarise");
        cmd.Options.Add(dir);
        cmd.Options.Add(dates);
        cmd.SetAction(async (pr, ct) =>
        {
            var n = pr.GetValue(dates);
            if (n < 2)
            {
                Console.Error.WriteLine("demo: --dates must be at least 2");
                return 2;
            }
            return await new DemoRunner(new DemoWorkspace(pr.GetValue(dir)!), Console.Out, n).RunAsync(ct);
        });
        return cmd;
    }
}
