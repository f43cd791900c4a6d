namespace Skiff.Core.Specs.Validation;

/// <summary>
/// Host ports Compose could not bind: the same host port and protocol published twice on the same
/// address (or once on all addresses). Skiff itself publishes on random ports, but a spec that
/// cannot run under Compose is reported.
/// </summary>
internal static class PortConflicts
{
    public static IEnumerable<SpecError> Find(AppSpec spec)
    {
        var seen = new Dictionary<(int Port, string Protocol), List<(ServiceSpec Service, PortSpec Port)>>();
        foreach (var service in spec.Services)
        {
            foreach (var port in service.Ports.Where(p => p.HostPort is not null))
            {
                var key = (port.HostPort!.Value, port.Protocol);
                if (!seen.TryGetValue(key, out var published))
                    seen[key] = published = [];
                var clash = published.FirstOrDefault(s => Address(s.Port) == Address(port) || IsWildcard(s.Port) || IsWildcard(port));
                if (clash.Service is null)
                {
                    published.Add((service, port));
                    continue;
                }
                var where = clash.Port.Location is { } at ? $" ({at})" : "";
                var by = ReferenceEquals(clash.Service, service) ? "this service" : $"service '{clash.Service.Name}'";
                yield return new SpecError(port.Location ?? service.Location, $"services.{service.Name}.ports",
                    $"host port {port.HostPort}/{port.Protocol} is already published by {by}{where}; give each host port once");
            }
        }
    }

    private static string Address(PortSpec port) => string.IsNullOrEmpty(port.HostIp) ? "0.0.0.0" : port.HostIp;

    private static bool IsWildcard(PortSpec port) => Address(port) is "0.0.0.0" or "::";
}
