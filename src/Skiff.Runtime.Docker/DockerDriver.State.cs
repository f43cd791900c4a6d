using System.Collections.Immutable;
using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker;

// Reading actual state back from the engine's labels.
public sealed partial class DockerDriver
{
    public async Task<EnvironmentState> GetStateAsync(string environment, CancellationToken cancellationToken)
    {
        var containers = ImmutableArray.CreateBuilder<ContainerState>();
        foreach (var listed in await ListContainersAsync(environment, cancellationToken))
        {
            // Inspect gives what the list lacks (exit code, every port binding); a container removed
            // between the two calls is simply no longer part of the state.
            if (await InspectContainerAsync(listed.ID, cancellationToken) is { } state)
                containers.Add(state);
        }
        var networks = await ListNetworksAsync(environment, cancellationToken);
        var volumes = await ListVolumesAsync(environment, cancellationToken);
        return new EnvironmentState
        {
            Environment = environment,
            Containers = [.. containers.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)],
            Networks = [.. networks.Select(n => n.Name).Order(StringComparer.Ordinal)],
            Volumes = [.. volumes.Select(v => LabelFilters.Value(v.Labels, EngineNames.VolumeLabel)).Where(name => name.Length > 0).Order(StringComparer.Ordinal)],
        };
    }

    public async Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken)
    {
        var filters = LabelFilters.AnyEnvironment();
        var containers = await CallAsync("list containers",
            token => _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, token), cancellationToken);
        var networks = await CallAsync("list networks",
            token => _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filters }, token), cancellationToken);
        var volumes = await CallAsync("list volumes",
            token => _client.Volumes.ListAsync(new VolumesListParameters { Filters = filters }, token), cancellationToken);
        return
        [
            .. containers.Select(c => LabelFilters.EnvironmentOf(c.Labels))
                .Concat(networks.Select(n => LabelFilters.EnvironmentOf(n.Labels)))
                .Concat((volumes.Volumes ?? []).Select(v => LabelFilters.EnvironmentOf(v.Labels)))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ];
    }

    private async Task<IReadOnlyList<ContainerListResponse>> ListContainersAsync(string environment, CancellationToken cancellationToken)
    {
        var listed = await CallAsync($"list containers of environment {environment}",
            token => _client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = LabelFilters.ForEnvironment(environment) }, token),
            cancellationToken);
        return [.. listed.Where(c => LabelFilters.BelongsTo(c.Labels, environment))];
    }

    private async Task<IReadOnlyList<NetworkResponse>> ListNetworksAsync(string environment, CancellationToken cancellationToken)
    {
        var listed = await CallAsync($"list networks of environment {environment}",
            token => _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilters.ForEnvironment(environment) }, token),
            cancellationToken);
        return [.. listed.Where(n => LabelFilters.BelongsTo(n.Labels, environment))];
    }

    private async Task<IReadOnlyList<VolumeResponse>> ListVolumesAsync(string environment, CancellationToken cancellationToken)
    {
        var listed = await CallAsync($"list volumes of environment {environment}",
            token => _client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilters.ForEnvironment(environment) }, token),
            cancellationToken);
        // Docker answers "Volumes": null when there are none.
        return [.. (listed.Volumes ?? []).Where(v => LabelFilters.BelongsTo(v.Labels, environment))];
    }
}
