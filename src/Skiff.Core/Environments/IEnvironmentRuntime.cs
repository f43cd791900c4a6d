using Skiff.Core.Deploy;
using Skiff.Core.Runtime;

namespace Skiff.Core.Environments;

/// <summary>
/// What the server needs from a runtime that runs environments — the one contract the reconciler,
/// router, cost meter, janitor and log endpoint talk to, whatever runs underneath (a container
/// engine, a Kubernetes cluster). An <em>instance</em> is one running copy of a service: a
/// container on an engine, a pod on a cluster. Everything a runtime creates is labelled with the
/// environment (<see cref="Naming.EngineNames"/>), so it can always be observed and listed back.
/// </summary>
public interface IEnvironmentRuntime
{
    /// <summary>The runtime's name in the server configuration (<c>runtime: docker</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Applies a spec to an environment: unchanged services are kept, changed ones replaced, missing
    /// ones started; the observer switches traffic once the new version is ready, and what the new
    /// version replaced is removed after. A failure leaves the previous version serving. Every
    /// service snapshot carries the endpoint (a URL) the router forwards to.
    /// </summary>
    Task<DeployOutcome> DeployAsync(DeployRequest request, IDeployObserver observer, CancellationToken cancellationToken);

    /// <summary>Stops every instance of the environment and keeps its data; returns how many stopped.</summary>
    Task<int> SuspendAsync(string environment, CancellationToken cancellationToken);

    /// <summary>Removes everything labelled with the environment (its data included), and nothing else.</summary>
    Task RemoveAsync(string environment, CancellationToken cancellationToken);

    /// <summary>What the runtime holds of the environment, read back from it.</summary>
    Task<EnvironmentState> ObserveAsync(string environment, CancellationToken cancellationToken);

    /// <summary>Every environment the runtime holds something of (for the janitor).</summary>
    Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken);

    /// <summary>An instance's output: the last <paramref name="tail"/> lines, then new ones while <paramref name="follow"/>.</summary>
    IAsyncEnumerable<string> ReadLogsAsync(string instanceId, int tail, bool follow, CancellationToken cancellationToken);

    /// <summary>A running instance's limits and current use; null when it does not run.</summary>
    Task<ContainerUsage?> GetUsageAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The size of each of the environment's volumes, by spec name.</summary>
    Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken);

    /// <summary>What answers underneath (product and version, for the log and <c>/healthz</c>); throws <see cref="DriverException"/> when nothing does.</summary>
    Task<RuntimeInfo> IdentifyAsync(CancellationToken cancellationToken);

    /// <summary>Null when the runtime answers now, else why not (a cheap check).</summary>
    Task<string?> ProblemAsync(CancellationToken cancellationToken);
}

/// <param name="Product">Such as "Podman 4.3.1" or "Kubernetes v1.31.2".</param>
/// <param name="Endpoint">Where it answers (a socket, an API server).</param>
public sealed record RuntimeInfo(string Product, string Endpoint);
