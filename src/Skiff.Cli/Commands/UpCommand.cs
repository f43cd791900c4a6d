using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;
using Skiff.Core.Api;
using Skiff.Core.Naming;
using Skiff.Core.Specs.Loading;
using Skiff.Core.Units;

namespace Skiff.Cli.Commands;

/// <summary>
/// <c>skiff up [DIR] [--name N] [--json]</c>: creates or updates an environment from a folder and
/// waits until it is ready. Starts a local server in the background when none answers.
/// </summary>
public static class UpCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "The application folder (with compose.yaml or skiff.yaml)", DefaultValueFactory = _ => "." };
        var name = new Option<string?>("--name", "-n") { Description = "The environment name (default: the project name)" };
        var json = CommonOptions.Json();
        var timeout = new Option<string>("--timeout") { Description = "How long to wait until ready", DefaultValueFactory = _ => "15m" };
        var command = new Command("up", "Create or update an environment from a folder and wait until it is ready") { directory, name, json, timeout };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, () =>
            RunAsync(context, result.GetValue(directory)!, result.GetValue(name), result.GetValue(json), result.GetValue(timeout)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string directory, string? name, bool json, string timeoutText, CancellationToken cancellationToken)
    {
        if (!DurationFormat.TryParse(timeoutText, out var timeout) || timeout <= TimeSpan.Zero)
            throw new CliException($"--timeout: '{timeoutText}' is not a duration (for example 90s, 15m)", ExitCodes.Usage);
        var folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
            throw new CliException($"folder '{directory}' does not exist", ExitCodes.Usage);

        // Check the spec here first: a broken file gets its message at once and the server is not touched.
        var loaded = SpecLoader.Load(folder);
        foreach (var warning in loaded.Warnings)
            context.Error.WriteLine($"warning: {warning}");
        if (!loaded.Succeeded)
        {
            foreach (var error in loaded.Errors.Skip(1))
                context.Error.WriteLine(error);
            throw new CliException(loaded.Errors.FirstOrDefault()?.ToString() ?? $"no application spec in {folder}", ExitCodes.InvalidSpec);
        }
        name ??= loaded.Spec!.Name;
        if (DnsLabel.Explain(name) is { } problem)
            throw new CliException($"--name: {problem}", ExitCodes.Usage);

        using var client = new SkiffApiClient(context.Server);
        await EnsureServerAsync(context, client, cancellationToken);

        var accepted = await client.PutAsync(name, new EnvironmentRequest(folder), cancellationToken);
        IUpProgress progress = json ? new PlainUpProgress(TextWriter.Null) : context.IsTerminal ? new LiveUpProgress() : new PlainUpProgress(context.Out);
        var final = await progress.RunAsync(update => WaitAsync(client, name, accepted.Generation, timeout, update, cancellationToken));

        if (json)
            JsonOutput.Write(context.Out, final);
        if (final.Phase != "Ready")
        {
            if (!json && final.Error is { } error)
            {
                foreach (var line in error.LogTail.TakeLast(20))
                    context.Error.WriteLine($"  | {line}");
            }
            var reason = final.Error is { } e ? (e.Service is null ? e.Message : $"{e.Service}: {e.Message}") : $"environment is {final.Phase}";
            throw new CliException($"{name}: deploy failed: {reason}");
        }
        if (!json)
        {
            var timings = final.Timings is { } t ? $" in {EnvironmentPrinter.Timings(t)}" : "";
            context.Out.WriteLine($"{name} is ready{timings}");
            context.Out.WriteLine(final.Url ?? "(no public service: it publishes no HTTP port)");
        }
        return ExitCodes.Success;
    }

    private static async Task EnsureServerAsync(CliContext context, SkiffApiClient client, CancellationToken cancellationToken)
    {
        if (await client.IsUpAsync(cancellationToken))
            return;
        if (!context.ServerIsLocal)
            throw new CliException($"no Skiff server answers at {client.Server} (SKIFF_SERVER)", ExitCodes.ServerUnavailable);
        var note = await ServerLauncher.StartAsync(client, context.Home, cancellationToken);
        context.Error.WriteLine(note);
    }

    private static async Task<EnvironmentDto> WaitAsync(SkiffApiClient client, string name, long generation, TimeSpan timeout, Action<EnvironmentDto> update, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var environment = await client.GetAsync(name, deadline.Token);
                update(environment);
                if (environment.ObservedGeneration >= generation && environment.Phase is "Ready" or "Failed")
                    return environment;
                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{name}: not ready after {DurationFormat.Format(timeout)} (it goes on in the server; see 'skiff status {name}')");
        }
    }
}
