using Skiff.Core.Deploy;

namespace Skiff.Server.Serving;

/// <summary>Where the router sends a service's requests: its lowest container port, published on 127.0.0.1 (never a container IP).</summary>
public static class RouteTarget
{
    /// <summary><c>http://127.0.0.1:&lt;host port&gt;/</c>, or null when the service has no container or publishes no port.</summary>
    public static string? AddressOf(ServiceSnapshot service) =>
        service.ContainerId is null || service.PublishedPorts.IsEmpty
            ? null
            : $"http://127.0.0.1:{service.PublishedPorts.OrderBy(p => p.Key).First().Value}/";
}
