using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker;

// Networks and volumes, and removing a whole environment.
public sealed partial class DockerDriver
{
    public async Task EnsureNetworkAsync(string environment, CancellationToken cancellationToken)
    {
        var name = EngineNames.Network(environment);
        var exists = await CallOrDefaultAsync($"inspect network {name}",
            async token => await _client.Networks.InspectNetworkAsync(name, token) is not null, false, cancellationToken);
        if (exists)
            return;
        try
        {
            await CallAsync($"create network {name}", token => _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "bridge",
                Labels = LabelFilters.ForNetwork(environment),
            }, token), cancellationToken);
            DockerDriverLog.NetworkCreated(_logger, name, environment);
        }
        catch (Core.Runtime.DriverException e) when (e.InnerException is { } inner && EngineErrors.IsConflict(inner))
        {
            // Created by someone else in between: it exists, which is all that was asked.
        }
    }

    public async Task<bool> EnsureVolumeAsync(string environment, string volume, CancellationToken cancellationToken)
    {
        var name = EngineNames.Volume(environment, volume);
        var exists = await CallOrDefaultAsync($"inspect volume {name}",
            async token => await _client.Volumes.InspectAsync(name, token) is not null, false, cancellationToken);
        if (exists)
            return false;
        // Creating a volume that already exists answers 201 with that volume (Docker, and Podman 4.3 too), so no race to handle.
        await CallAsync($"create volume {name}", token => _client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Labels = LabelFilters.ForVolume(environment, volume),
        }, token), cancellationToken);
        DockerDriverLog.VolumeCreated(_logger, name, environment);
        return true;
    }

    public async Task RemoveEnvironmentAsync(string environment, CancellationToken cancellationToken)
    {
        // Containers first: a network or volume in use cannot be removed.
        var containers = await ListContainersAsync(environment, cancellationToken);
        foreach (var container in containers)
            await RemoveContainerAsync(container.ID, cancellationToken);

        var networks = await ListNetworksAsync(environment, cancellationToken);
        foreach (var network in networks)
        {
            await CallOrDefaultAsync($"remove network {network.Name}",
                async token => { await _client.Networks.DeleteNetworkAsync(network.ID ?? network.Name, token); return true; }, false, cancellationToken);
        }

        var volumes = await ListVolumesAsync(environment, cancellationToken);
        foreach (var volume in volumes)
        {
            await CallOrDefaultAsync($"remove volume {volume.Name}",
                async token => { await _client.Volumes.RemoveAsync(volume.Name, force: false, token); return true; }, false, cancellationToken);
        }
        DockerDriverLog.EnvironmentRemoved(_logger, environment, containers.Count, networks.Count, volumes.Count);
    }
}
