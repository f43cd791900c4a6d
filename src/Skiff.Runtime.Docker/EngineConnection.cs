using Docker.DotNet;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker;

/// <summary>What answered at an engine endpoint.</summary>
/// <param name="Product">"Podman" or "Docker".</param>
public sealed record EngineInfo(Uri Endpoint, string Product, string Version, string ApiVersion);

/// <summary>Checks that a container engine answers, with an error that says what to do when none does.</summary>
public static class EngineConnection
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Pings the engine and reads its version; throws <see cref="DriverException"/> when nothing answers.</summary>
    public static async Task<EngineInfo> VerifyAsync(Uri endpoint, CancellationToken cancellationToken) =>
        await VerifyAsync(endpoint, DefaultTimeout, cancellationToken);

    public static async Task<EngineInfo> VerifyAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
            await client.System.PingAsync(deadline.Token);
            var version = await client.System.GetVersionAsync(deadline.Token);
            var isPodman = version.Components?.Any(c => c.Name?.Contains("Podman", StringComparison.OrdinalIgnoreCase) == true) == true;
            return new EngineInfo(endpoint, isPodman ? "Podman" : "Docker", version.Version ?? "?", version.APIVersion ?? "?");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoEngine(endpoint, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw NoEngine(endpoint, EngineErrors.TransportReason(e, endpoint));
        }
    }

    /// <summary>Only pings (cheap: no version query, which on Podman runs the runtime binaries); throws <see cref="DriverException"/> when nothing answers.</summary>
    public static async Task PingAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
            await client.System.PingAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoEngine(endpoint, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw NoEngine(endpoint, EngineErrors.Innermost(e));
        }
    }

    /// <summary>The one error a user sees when no engine is there.</summary>
    public static DriverException NoEngine(Uri endpoint, string reason) =>
        new($"no container engine answers at {endpoint} ({reason}); set DOCKER_HOST, or run scripts/setup-host.sh");
}
