using Microsoft.Extensions.Logging;
using Skiff.Core.Deploy;
using Skiff.Core.Runtime;
using Skiff.Core.Environments;

namespace Skiff.Runtime.Docker;

/// <summary>
/// <see cref="IEnvironmentRuntime"/> on a Docker Engine API (Docker, or Podman's compatible
/// service): the container deployer (<see cref="EnvironmentDeployer"/>) drives the engine through
/// <see cref="DockerDriver"/>; instances are containers, endpoints their ports published on 127.0.0.1.
/// </summary>
public sealed class DockerRuntime(DockerDriver driver, EnvironmentDeployer deployer, ILogger<DockerRuntime> logger) : IEnvironmentRuntime
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public string Name => "docker";

    public Task<DeployOutcome> DeployAsync(DeployRequest request, IDeployObserver observer, CancellationToken cancellationToken) =>
        deployer.DeployAsync(request, observer, cancellationToken);

    public async Task<int> SuspendAsync(string environment, CancellationToken cancellationToken)
    {
        var running = (await driver.GetStateAsync(environment, cancellationToken)).Containers.Where(c => c.IsRunning).ToList();
        await Task.WhenAll(running.Select(c => driver.StopContainerAsync(c.Id, cancellationToken)));
        logger.LogDebug("Stopped {Count} containers of {Environment}", running.Count, environment);
        return running.Count;
    }

    public Task RemoveAsync(string environment, CancellationToken cancellationToken) => driver.RemoveEnvironmentAsync(environment, cancellationToken);

    public Task<EnvironmentState> ObserveAsync(string environment, CancellationToken cancellationToken) => driver.GetStateAsync(environment, cancellationToken);

    public Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken) => driver.ListEnvironmentsAsync(cancellationToken);

    public IAsyncEnumerable<string> ReadLogsAsync(string instanceId, int tail, bool follow, CancellationToken cancellationToken) =>
        driver.ReadLogsAsync(instanceId, tail, follow, cancellationToken);

    public Task<ContainerUsage?> GetUsageAsync(string instanceId, CancellationToken cancellationToken) => driver.GetUsageAsync(instanceId, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken) =>
        driver.GetVolumeSizesAsync(environment, cancellationToken);

    public async Task<RuntimeInfo> IdentifyAsync(CancellationToken cancellationToken)
    {
        var info = await EngineConnection.VerifyAsync(driver.Endpoint, cancellationToken);
        return new RuntimeInfo($"{info.Product} {info.Version}", $"{info.Endpoint} (API {info.ApiVersion})");
    }

    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EngineConnection.PingAsync(driver.Endpoint, PingTimeout, cancellationToken);
            return null;
        }
        catch (DriverException exception)
        {
            return exception.Message;
        }
    }
}
