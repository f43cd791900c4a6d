using System.CommandLine;
using Skiff.Cli.Client;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff down NAME</c>: removes the environment (containers, network, volumes) and waits until it is gone.</summary>
public static class DownCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var command = new Command("down", "Remove an environment and everything it holds, volumes included") { name };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var environment = result.GetValue(name)!;
            using var client = new SkiffApiClient(context.Server);
            await client.DeleteAsync(environment, cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                while (await client.FindAsync(environment, deadline.Token) is not null)
                    await Task.Delay(150, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"{environment}: still being removed after {Timeout.TotalMinutes:0} min");
            }
            context.Out.WriteLine($"{environment} removed");
            return ExitCodes.Success;
        }));
        return command;
    }
}
