using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker;

// Resource use: engine stats and volume sizes (implemented by the cost-meter work).
public sealed partial class DockerDriver
{
    public Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException("GetUsageAsync is being written (issue 4, cost meter)");

    public Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken) =>
        throw new NotImplementedException("GetVolumeSizesAsync is being written (issue 4, cost meter)");
}
