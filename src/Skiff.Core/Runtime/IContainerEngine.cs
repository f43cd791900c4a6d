using Skiff.Core.Environments;
namespace Skiff.Core.Runtime;

/// <summary>
/// A container engine (Docker, or Podman through its Docker API) as the container deployer
/// (<see cref="Deploy.EnvironmentDeployer"/>) drives it: networks, volumes, images, containers,
/// exec. This is the inside of the container runtime; the server never sees it — it talks to an
/// <see cref="IEnvironmentRuntime"/>. Every object a driver creates carries the labels of
/// <see cref="Naming.EngineNames"/>, so <see cref="GetStateAsync"/> can read an environment back after a restart.
/// </summary>
public interface IContainerEngine
{
    /// <summary>Everything labelled with <paramref name="environment"/>: containers, networks, volumes.</summary>
    Task<EnvironmentState> GetStateAsync(string environment, CancellationToken cancellationToken);

    /// <summary>The names of every environment that has at least one labelled object.</summary>
    Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken);

    /// <summary>Creates the environment's network unless it exists.</summary>
    Task EnsureNetworkAsync(string environment, CancellationToken cancellationToken);

    /// <summary>Creates the environment's copy of a named volume unless it exists; true when it was created now.</summary>
    Task<bool> EnsureVolumeAsync(string environment, string volume, CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>Pulls an image that is not present; throws <see cref="DriverException"/> when it cannot.</summary>
    Task PullImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Builds and tags an image; throws <see cref="BuildFailedException"/> with the last output lines on failure.</summary>
    Task BuildImageAsync(ImageBuildRequest request, IProgress<string>? output, CancellationToken cancellationToken);

    /// <summary>Creates (without starting) a container on the environment's network, its ports to be published on 127.0.0.1; a leftover of the same name is replaced.</summary>
    Task<ContainerState> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken);

    /// <summary>Creates and starts a container (<see cref="CreateContainerAsync"/>, then <see cref="StartContainerAsync"/>).</summary>
    Task<ContainerState> RunContainerAsync(ContainerRequest request, CancellationToken cancellationToken);

    Task<ContainerState> StartContainerAsync(string containerId, CancellationToken cancellationToken);

    Task StopContainerAsync(string containerId, CancellationToken cancellationToken);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    Task<ContainerState?> InspectContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container (health checks, seeding) and waits for it.</summary>
    Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Writes one file into a container (creating its folder).</summary>
    Task CopyFileAsync(string containerId, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>True when an HTTP request to the container port (through its 127.0.0.1 host port) gets any response.</summary>
    Task<bool> ProbeHttpAsync(ContainerState container, int containerPort, CancellationToken cancellationToken);

    /// <summary>The container's output, the last <paramref name="tail"/> lines, then new ones while <paramref name="follow"/>.</summary>
    IAsyncEnumerable<string> ReadLogsAsync(string containerId, int tail, bool follow, CancellationToken cancellationToken);

    /// <summary>A running container's limits and current use (engine stats); null when it is not running.</summary>
    Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>The size on disk of each of the environment's volumes, by Compose-level name (0 when the engine cannot tell).</summary>
    Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken);

    /// <summary>Removes every container, network and volume labelled with <paramref name="environment"/>, and nothing else.</summary>
    Task RemoveEnvironmentAsync(string environment, CancellationToken cancellationToken);
}
