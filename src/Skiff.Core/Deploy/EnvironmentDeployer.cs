using Microsoft.Extensions.Logging;
using Skiff.Core.Runtime;

namespace Skiff.Core.Deploy;

/// <summary>
/// Applies an application spec to one environment: plans against what the engine holds, builds
/// what is missing, starts services in dependency order (independent ones in parallel), waits
/// until they are ready, lets the caller switch traffic, then removes what the new version
/// replaced. Any failure rolls back to the previous version, which keeps serving.
/// </summary>
public sealed class EnvironmentDeployer(IContainerEngine driver, TimeProvider time, ILogger<EnvironmentDeployer> logger, DeployOptions? options = null)
{
    private readonly DeployOptions _options = options ?? new DeployOptions();

    public Task<DeployOutcome> DeployAsync(DeployRequest request, IDeployObserver observer, CancellationToken cancellationToken) =>
        new DeployRun(driver, time, logger, _options, request, observer).ExecuteAsync(cancellationToken);
}
