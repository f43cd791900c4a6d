using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff status NAME [--json]</c>: one environment's services, timings, last error and deploy history.</summary>
public static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show one environment") { name, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            using var client = new SkiffApiClient(context.Server);
            var environment = await client.GetAsync(result.GetValue(name)!, cancellationToken);
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, environment);
            else
                EnvironmentPrinter.Details(context.Out, environment);
            return ExitCodes.Success;
        }));
        return command;
    }
}
