using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff resume NAME [--json]</c>: wakes a suspended environment and waits until it is ready.</summary>
public static class ResumeCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var json = CommonOptions.Json();
        var command = new Command("resume", "Wake a suspended environment and wait until it is ready") { name, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var environment = result.GetValue(name)!;
            using var client = new SkiffApiClient(context.Server);
            var accepted = await client.ActAsync(environment, "resume", null, cancellationToken);
            var done = await EnvironmentWaiter.WaitAsync(client, environment, accepted.Generation, "Running", new HashSet<string> { "Ready", "Failed" }, Timeout, cancellationToken);
            if (done.Desired != "Running")
                throw new CliException(EnvironmentWaiter.Superseded(done));
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, done);
            else if (done.Phase == "Ready")
                context.Out.WriteLine($"{environment} is awake{(done.Timings is { } t ? $" ({Durations.Format(t.TotalMs)})" : "")}: {done.Url}");
            if (done.Phase != "Ready")
                throw new CliException($"{environment}: resume failed: {done.Error?.Message ?? done.Phase}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
