using System.CommandLine;
using Skiff.Cli.Commands;

namespace Skiff.Cli;

/// <summary>The <c>skiff</c> command line: one file per command under Commands/.</summary>
public static class SkiffCli
{
    public static RootCommand Build(CliContext context) => new("Skiff: a full application environment for every pull request")
    {
        ServeCommand.Create(context),
        UpCommand.Create(context),
        LsCommand.Create(context),
        StatusCommand.Create(context),
        LogsCommand.Create(context),
        DownCommand.Create(context),
        SuspendCommand.Create(context),
        ResumeCommand.Create(context),
        ExtendCommand.Create(context),
        JanitorCommand.Create(context),
        CostCommand.Create(context),
        ValidateCommand.Create(context),
    };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Build(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                context.Error.WriteLine($"skiff: {error.Message}");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }, cancellationToken);
    }
}
