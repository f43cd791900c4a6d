using System.CommandLine;
using Skiff.Server.Configuration;
using Skiff.Server.Hosting;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff serve [--listen URL] [--base-domain D]</c>: runs the server in the foreground until stopped.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var listen = new Option<string?>("--listen") { Description = "Address to listen on (default http://127.0.0.1:7070, or SKIFF_LISTEN)" };
        var baseDomain = new Option<string?>("--base-domain") { Description = "Environments answer on <name>.<base-domain> (default localhost)" };
        var config = new Option<string?>("--config", "-c") { Description = "The server configuration file (skiff-server.yaml; see docs/server.md)" };
        var command = new Command("serve", "Run the Skiff server: API, router, webhooks and reconciler") { listen, baseDomain, config };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var options = SkiffServerOptions.FromEnvironment();
            if (result.GetValue(config) is { } file)
            {
                try
                {
                    options = options.With(ServerConfigLoader.Load(Path.GetFullPath(file)));
                }
                catch (ServerConfigException exception)
                {
                    throw new CliException(exception.Message, ExitCodes.Usage);
                }
            }
            if (result.GetValue(listen) is { } address)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new CliException($"--listen: '{address}' is not an http:// or https:// address", ExitCodes.Usage);
                options = options with { Listen = address };
            }
            if (result.GetValue(baseDomain) is { } domain)
                options = options with { BaseDomain = domain };

            await using var app = SkiffServer.Build(options);
            try
            {
                await SkiffServer.StartAsync(app, cancellationToken);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException exception)
            {
                throw new CliException($"server options: {string.Join("; ", exception.Failures)}", ExitCodes.Usage);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        }));
        return command;
    }
}
