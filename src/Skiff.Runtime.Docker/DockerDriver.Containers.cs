using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Containers;

namespace Skiff.Runtime.Docker;

// Container life cycle: run, start, stop, remove, inspect.
public sealed partial class DockerDriver
{
    public async Task<ContainerState> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var network = EngineNames.Network(request.Environment);
        var parameters = ContainerSpecMapper.ToCreateParameters(request, network);
        await EnsureNetworkAsync(request.Environment, cancellationToken);

        // A container of this name can only be left from a run that crashed half-way: replace it.
        if (await InspectContainerAsync(request.Name, cancellationToken) is { } leftover)
        {
            DockerDriverLog.RemovingLeftover(_logger, request.Name, leftover.Id);
            await RemoveContainerAsync(leftover.Id, cancellationToken);
        }

        var created = await CallAsync($"create container {request.Name} from {request.Image}",
            token => _client.Containers.CreateContainerAsync(parameters, token), cancellationToken);
        return await InspectRequiredAsync(created.ID, request.Name, cancellationToken);
    }

    public async Task<ContainerState> RunContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var created = await CreateContainerAsync(request, cancellationToken);
        try
        {
            var state = await StartAsync(created.Id, request.Name, cancellationToken);
            DockerDriverLog.ContainerStarted(_logger, request.Name, state.Id, request.Environment, request.Service);
            return state;
        }
        catch (DriverException e)
        {
            // A container that never started would look deployed to the next pass; take it away.
            DockerDriverLog.StartFailed(_logger, request.Name, e.Message);
            await RemoveContainerAsync(created.Id, CancellationToken.None);
            throw;
        }
    }

    public Task<ContainerState> StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        StartAsync(containerId, containerId, cancellationToken);

    private async Task<ContainerState> StartAsync(string containerId, string displayName, CancellationToken cancellationToken)
    {
        // Starting a running container is a no-op (304) on both engines, which Docker.DotNet reports as false.
        await CallAsync($"start container {displayName}",
            token => _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), token), cancellationToken);
        // Read the ports again: Docker picks new random host ports at every start (Podman keeps those picked at create).
        return await InspectRequiredAsync(containerId, displayName, cancellationToken);
    }

    public Task StopContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"stop container {containerId}",
            token => _client.Containers.StopContainerAsync(containerId,
                new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(_options.StopTimeout.TotalSeconds) }, token),
            cancellationToken);

    /// <summary>Removes the container and its anonymous volumes, running or not; a container already gone is fine.</summary>
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallOrDefaultAsync($"remove container {containerId}", async token =>
        {
            await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token);
            return true;
        }, false, cancellationToken);

    public Task<ContainerState?> InspectContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallOrDefaultAsync<ContainerState?>($"inspect container {containerId}",
            async token => ContainerStateMapper.FromInspect(await _client.Containers.InspectContainerAsync(containerId, token)), null, cancellationToken);

    private async Task<ContainerState> InspectRequiredAsync(string containerId, string displayName, CancellationToken cancellationToken) =>
        await InspectContainerAsync(containerId, cancellationToken)
        ?? throw new DriverException($"cannot inspect container {displayName}: it is gone (removed while starting?)");
}
