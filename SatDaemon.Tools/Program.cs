using System.CommandLine;
using SatDaemon.Tools.Commands;

var root = new RootCommand("satdaemon-tools: database, ingest, frame, control and job tools of SatDaemon");
root.Options.Add(CommonOptions.Config);
root.Subcommands.Add(InitDatabaseCommand.Build());
root.Subcommands.Add(IngestFilesCommand.Build());
root.Subcommands.Add(FrameCommand.Build());
root.Subcommands.Add(ExportFramesCommand.Build());
return await root.Parse(args).InvokeAsync();
