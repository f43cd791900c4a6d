using Skiff.Core.Deploy;

namespace Skiff.Server.Serving;

/// <summary>Where the router sends a service's requests: the endpoint its runtime gave it.</summary>
public static class RouteTarget
{
    /// <summary>
    /// The service's endpoint URL, or null when it has no instance or publishes no port. A service
    /// stored by an older Skiff has no endpoint yet: its lowest published port on 127.0.0.1 stands in
    /// until the next pass records one.
    /// </summary>
    /// <summary>True when the service has (or, stopped, had) an endpoint: it publishes a port and so has its own host.</summary>
    public static bool Publishes(ServiceSnapshot service) => service.Endpoint is not null || !service.PublishedPorts.IsEmpty;

    public static string? AddressOf(ServiceSnapshot service) =>
        service.ContainerId is null ? null
        : service.Endpoint ?? (service.PublishedPorts.IsEmpty ? null : $"http://127.0.0.1:{service.PublishedPorts.OrderBy(p => p.Key).First().Value}/");
}
