using System.CommandLine;
using System.Net.Http.Json;
using Skiff.Cli.Client;
using Skiff.Cli.Output;
using Skiff.Core.Api;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff extend NAME DURATION [--json]</c>: the environment lives at least DURATION from now (or <c>never</c> expires, where allowed).</summary>
public static class ExtendCommand
{
    public static Command Create(CliContext context)
    {
        var name = CommonOptions.EnvironmentName();
        var duration = new Argument<string>("duration") { Description = "How long from now at least: 2d, 12h, or never (if the server allows it)" };
        var json = CommonOptions.Json();
        var command = new Command("extend", "Keep an environment from expiring for a while") { name, duration, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var environment = result.GetValue(name)!;
            using var client = new SkiffApiClient(context.Server);
            var extended = await client.ActAsync(environment, "extend", JsonContent.Create(new ExtendRequest(result.GetValue(duration)), options: SkiffJson.Options), cancellationToken);
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, extended);
            else
                context.Out.WriteLine(extended.ExpiresAt is { } at
                    ? $"{environment} now expires {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC at the earliest (later if it is used or redeployed)"
                    : $"{environment} does not expire");
            return ExitCodes.Success;
        }));
        return command;
    }
}
