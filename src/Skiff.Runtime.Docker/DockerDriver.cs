using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker;

/// <summary>
/// <see cref="IContainerEngine"/> for a Docker Engine API: Docker itself or Podman's compatible
/// service. Requests go unversioned, so each engine answers in its own current API version
/// (Podman 4.3 speaks 1.41; recent Docker no longer accepts versions that old).
/// </summary>
public sealed partial class DockerDriver : IContainerEngine, IDisposable
{
    private readonly DockerClient _client;
    private readonly DockerDriverOptions _options;
    private readonly ILogger<DockerDriver> _logger;

    public DockerDriver(DockerDriverOptions options, ILogger<DockerDriver> logger)
    {
        _options = options;
        _logger = logger;
        _client = new DockerClientBuilder().WithEndpoint(options.Endpoint).Build();
    }

    public Uri Endpoint => _options.Endpoint;

    public void Dispose() => _client.Dispose();

    /// <summary>Runs one engine call and turns its failures into a <see cref="DriverException"/> naming <paramref name="operation"/>.</summary>
    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception e) when (EngineErrors.IsEngineFailure(e))
        {
            throw EngineErrors.ToDriverException(e, operation, Endpoint);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Docker.DotNet's own request timeout surfaces as a cancellation nobody asked for.
            throw new DriverException($"cannot {operation}: the engine at {Endpoint} did not answer in time", e);
        }
    }

    private Task CallAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync<bool>(operation, async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    /// <summary>Like <see cref="CallAsync{T}"/>, but "not found" gives <paramref name="whenNotFound"/>.</summary>
    private async Task<T> CallOrDefaultAsync<T>(string operation, Func<CancellationToken, Task<T>> call, T whenNotFound, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(operation, call, cancellationToken);
        }
        catch (DriverException e) when (e.InnerException is { } inner && EngineErrors.IsNotFound(inner))
        {
            return whenNotFound;
        }
    }
}
