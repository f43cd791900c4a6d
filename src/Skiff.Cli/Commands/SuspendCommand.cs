using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff suspend NAME [--json]</c>: stops the environment's containers, keeps its volumes; its URL wakes it.</summary>
public static class SuspendCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var json = CommonOptions.Json();
        var command = new Command("suspend", "Put an environment to sleep: containers stop, data stays; its URL wakes it") { name, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var environment = result.GetValue(name)!;
            using var client = new SkiffApiClient(context.Server);
            var accepted = await client.ActAsync(environment, "suspend", null, cancellationToken);
            var done = await EnvironmentWaiter.WaitAsync(client, environment, accepted.Generation, "Suspended", new HashSet<string> { "Suspended", "Failed" }, Timeout, cancellationToken);
            if (done.Desired != "Suspended")
                throw new CliException(EnvironmentWaiter.Superseded(done));
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, done);
            else
                context.Out.WriteLine($"{environment} is suspended (volumes kept); open {done.Url ?? accepted.Url ?? "its URL"} or run 'skiff resume {environment}' to wake it");
            return done.Phase == "Suspended" ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
