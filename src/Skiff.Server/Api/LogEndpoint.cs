using System.Threading.Channels;
using Skiff.Core.Runtime;
using Skiff.Server.Store;
using Skiff.Core.Environments;

namespace Skiff.Server.Api;

/// <summary>
/// <c>GET /api/v1/environments/{name}/logs?service=&amp;tail=100&amp;follow=false</c>: the output of
/// one service, or of all of them with a <c>service | </c> prefix, as plain text lines.
/// </summary>
public static class LogEndpoint
{
    private const int MaxTail = 10_000;

    public static async Task StreamAsync(string name, string? service, int? tail, bool? follow, HttpContext context, EnvironmentStore store, IEnvironmentRuntime runtime)
    {
        var cancellationToken = context.RequestAborted;
        var record = await store.FindAsync(name, cancellationToken);
        if (record is null)
        {
            await EnvironmentEndpoints.NotFound(name).ExecuteAsync(context);
            return;
        }
        var services = EnvironmentStore.ReadServices(record).Where(s => s.ContainerId is not null).ToList();
        if (service is not null)
        {
            services = services.Where(s => s.Name == service).ToList();
            if (services.Count == 0)
            {
                await EnvironmentEndpoints.BadRequest($"environment '{name}' has no running service '{service}'").ExecuteAsync(context);
                return;
            }
        }
        var lines = Math.Clamp(tail ?? 100, 0, MaxTail);
        var prefix = service is null;

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.StartAsync(cancellationToken);
        var merged = Channel.CreateBounded<string>(1000);
        var readers = services.Select(async s =>
        {
            try
            {
                await foreach (var line in runtime.ReadLogsAsync(s.ContainerId!, lines, follow == true, cancellationToken))
                    await merged.Writer.WriteAsync(prefix ? $"{s.Name} | {line}" : line, cancellationToken);
            }
            catch (DriverException exception)
            {
                await merged.Writer.WriteAsync($"{s.Name} | (logs unavailable: {exception.Message})", cancellationToken);
            }
        }).ToList();
        _ = Task.WhenAll(readers).ContinueWith(_ => merged.Writer.TryComplete(), TaskScheduler.Default);

        try
        {
            await foreach (var line in merged.Reader.ReadAllAsync(cancellationToken))
            {
                await context.Response.WriteAsync(line + "\n", cancellationToken);
                if (follow == true)
                    await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
