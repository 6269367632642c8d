using System.CommandLine;
using SatDaemon.Database.Init;
using SatDaemon.Database.Jobs;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools init-database: create the database and schema, seed stages; idempotent.</summary>
internal static class InitDatabaseCommand
{
    public static Command Build()
    {
        var bursts = new Option<FileInfo?>("--bursts") { Description = "GeoJSON of bursts to load (properties: id, orbit_direction, esa_burst_id)" };
        var frames = new Option<FileInfo?>("--frames") { Description = "GeoJSON of frames to create (properties: id, bursts, priority, proc_level)" };
        var newIdentity = new Option<bool>("--new-identity")
        {
            Description = "this database is a copy (pg_dump/pg_restore, a copied SQLite file): give it its own installation identity; "
                + "its daemon then never adopts or stops the original's jobs",
        };
        var adoptIdentity = new Option<bool>("--adopt-identity")
        {
            Description = "this database is the original, moved, upgraded or restored: keep its installation identity and bind it here",
        };
        var cmd = new Command("init-database", "create the processing database (and PostGIS), apply migrations, seed the stage tables; safe to run again");
        cmd.Options.Add(bursts);
        cmd.Options.Add(frames);
        cmd.Options.Add(newIdentity);
        cmd.Options.Add(adoptIdentity);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            // The invocation's writers (the console for the process): in-process callers (tests) capture them.
            var output = pr.InvocationConfiguration.Output;
            if (pr.GetValue(newIdentity) && pr.GetValue(adoptIdentity))
            {
                await pr.InvocationConfiguration.Error.WriteLineAsync("error: --new-identity and --adopt-identity exclude each other: a database is either a copy or the original");
                return ToolRunner.BadInput;
            }
            var factory = ToolRunner.Factory(config);
            CommonOptions.Info(pr).WriteLine($"initialising {factory.Url.DisplayName}");
            var report = await new DatabaseInitializer(factory).InitializeAsync(ct);
            var loader = new GeoJsonLoader(factory);
            if (pr.GetValue(bursts) is { } b) report.BurstsLoaded = await loader.LoadBurstsAsync(b.FullName, ct);
            if (pr.GetValue(frames) is { } f) report.FramesLoaded = await loader.LoadFramesAsync(f.FullName, ct);
            output.WriteLine(report.ToString());
            if (pr.GetValue(newIdentity))
            {
                var (old, fresh) = await InstanceIdentityStore.NewIdentityAsync(factory, ct);
                output.WriteLine($"installation identity: {fresh} (was {old ?? "none"}); running rows copied from {old ?? "the original"} are never adopted or stopped here");
            }
            else if (pr.GetValue(adoptIdentity))
                output.WriteLine($"installation identity: {await InstanceIdentityStore.AdoptIdentityAsync(factory, ct)} kept and bound to {factory.Url.DisplayName}");
            return ToolRunner.Ok;
        }, checkDatabase: false);
        return cmd;
    }
}
