using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff ls [--json]</c>: every environment with its phase, URL and age.</summary>
public static class LsCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("ls", "List environments") { json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            using var client = new SkiffApiClient(context.Server);
            var environments = await client.ListAsync(cancellationToken);
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, environments);
            else
                EnvironmentPrinter.Table(context.Out, environments, DateTimeOffset.UtcNow);
            return ExitCodes.Success;
        }));
        return command;
    }
}
