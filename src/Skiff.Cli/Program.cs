using Skiff.Cli;

return await SkiffCli.RunAsync(args, CliContext.FromConsole());
