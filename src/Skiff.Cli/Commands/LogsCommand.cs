using System.CommandLine;
using Skiff.Cli.Client;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff logs NAME [SERVICE] [-f] [--tail N]</c>: a service's output, or every service's with a prefix.</summary>
public static class LogsCommand
{
    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var service = new Argument<string?>("service") { Description = "One service (default: all, prefixed)", Arity = ArgumentArity.ZeroOrOne };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines" };
        var tail = new Option<int>("--tail") { Description = "How many past lines", DefaultValueFactory = _ => 100 };
        var command = new Command("logs", "Print an environment's logs") { name, service, follow, tail };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            if (result.GetValue(tail) < 0)
                throw new CliException("--tail must be 0 or more", ExitCodes.Usage);
            using var client = new SkiffApiClient(context.Server);
            await using var stream = await client.OpenLogsAsync(result.GetValue(name)!, result.GetValue(service), result.GetValue(tail), result.GetValue(follow), cancellationToken);
            using var reader = new StreamReader(stream);
            try
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    await context.Out.WriteLineAsync(line);
                    await context.Out.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
