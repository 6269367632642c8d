return await SatDaemon.Tools.ToolsProgram.RunAsync(args);
