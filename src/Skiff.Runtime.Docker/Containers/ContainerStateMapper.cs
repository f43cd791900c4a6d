using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker.Containers;

/// <summary>Reads a <see cref="ContainerState"/> snapshot from the engine's inspect answer.</summary>
internal static class ContainerStateMapper
{
    public static ContainerState FromInspect(ContainerInspectResponse inspect)
    {
        var labels = inspect.Config?.Labels;
        var status = inspect.State?.Status ?? "unknown";
        var published = PublishedPorts(inspect.NetworkSettings?.Ports);
        return new ContainerState
        {
            Id = inspect.ID,
            // Docker and Podman both report the name with a leading '/'.
            Name = inspect.Name?.TrimStart('/') ?? "",
            Environment = LabelFilters.Value(labels, EngineNames.EnvironmentLabel),
            Service = LabelFilters.Value(labels, EngineNames.ServiceLabel),
            Hash = LabelFilters.Value(labels, EngineNames.HashLabel),
            Image = inspect.Config?.Image ?? inspect.Image ?? "",
            SourceDirectory = labels is not null && labels.TryGetValue(EngineNames.SourceLabel, out var source) ? source : null,
            Status = status,
            ExitCode = status is "running" or "created" or "paused" ? null : (int?)inspect.State?.ExitCode,
            PublishedPorts = published,
            Endpoint = EndpointOf(published),
            CreatedAt = inspect.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(inspect.Created, DateTimeKind.Utc)),
        };
    }

    /// <summary>
    /// Where the router reaches the container: its lowest published port on 127.0.0.1 (never a
    /// container IP, so the same works with Docker Desktop).
    /// </summary>
    public static string? EndpointOf(ImmutableDictionary<int, int> published) =>
        published.IsEmpty ? null : $"http://{ContainerSpecMapper.PublishAddress}:{published.OrderBy(p => p.Key).First().Value}/";

    /// <summary>
    /// Container port → host port. Ports are keyed "80/tcp"; a port exposed but not published has no
    /// bindings. When tcp and udp share a number, tcp wins (HTTP is what Skiff routes).
    /// </summary>
    public static ImmutableDictionary<int, int> PublishedPorts(IDictionary<string, IList<PortBinding>>? ports)
    {
        var result = ImmutableDictionary.CreateBuilder<int, int>();
        if (ports is null)
            return result.ToImmutable();
        foreach (var (key, bindings) in ports.OrderBy(p => p.Key.EndsWith("/tcp", StringComparison.Ordinal) ? 0 : 1))
        {
            var slash = key.IndexOf('/');
            if (!int.TryParse(slash < 0 ? key : key[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort)
                || result.ContainsKey(containerPort) || bindings is null)
            {
                continue;
            }
            var binding = bindings.FirstOrDefault(b => b.HostIP == ContainerSpecMapper.PublishAddress) ?? bindings.FirstOrDefault();
            if (binding is not null && int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort) && hostPort > 0)
                result[containerPort] = hostPort;
        }
        return result.ToImmutable();
    }
}
