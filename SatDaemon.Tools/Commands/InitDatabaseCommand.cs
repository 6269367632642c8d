using System.CommandLine;
using SatDaemon.Database.Init;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools init-database: create the database and schema, seed stages; idempotent.</summary>
internal static class InitDatabaseCommand
{
    public static Command Build()
    {
        var bursts = new Option<FileInfo?>("--bursts") { Description = "GeoJSON of bursts to load (properties: id, orbit_direction, esa_burst_id)" };
        var frames = new Option<FileInfo?>("--frames") { Description = "GeoJSON of frames to create (properties: id, bursts, priority, proc_level)" };
        var cmd = new Command("init-database", "create the processing database (and PostGIS), apply migrations, seed the stage tables; safe to run again");
        cmd.Options.Add(bursts);
        cmd.Options.Add(frames);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var factory = ToolRunner.Factory(config);
            CommonOptions.Info(pr).WriteLine($"initialising {factory.Url.DisplayName}");
            var report = await new DatabaseInitializer(factory).InitializeAsync(ct);
            var loader = new GeoJsonLoader(factory);
            if (pr.GetValue(bursts) is { } b) report.BurstsLoaded = await loader.LoadBurstsAsync(b.FullName, ct);
            if (pr.GetValue(frames) is { } f) report.FramesLoaded = await loader.LoadFramesAsync(f.FullName, ct);
            Console.WriteLine(report.ToString());
            return ToolRunner.Ok;
        }, checkDatabase: false);
        return cmd;
    }
}
