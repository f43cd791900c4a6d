using Skiff.Core.Environments;
using Yarp.ReverseProxy.Configuration;
using Skiff.Server.Serving;

namespace Skiff.Server.Routing;

/// <summary>
/// Turns the board into YARP routes: <c>&lt;env&gt;.&lt;domain&gt;</c> to the public service and
/// <c>&lt;service&gt;--&lt;env&gt;.&lt;domain&gt;</c> to every service that publishes a port, each
/// reaching the container through its port published on 127.0.0.1 (never a container IP).
/// The whole table is swapped at once through YARP's in-memory provider and its change token.
/// The server starts it (<see cref="Start"/>) once the board holds what was stored.
/// </summary>
public sealed class EnvironmentRoutes
{
    private readonly Lock _gate = new();
    private readonly InMemoryConfigProvider _proxyConfig;
    private readonly EnvironmentBoard _board;
    private readonly ServerUrls _urls;

    public EnvironmentRoutes(InMemoryConfigProvider proxyConfig, EnvironmentBoard board, ServerUrls urls)
    {
        _proxyConfig = proxyConfig;
        _board = board;
        _urls = urls;
    }

    /// <summary>Builds the table from the board now, and again whenever what the board serves changes.</summary>
    public void Start()
    {
        _board.ServingChanged += Rebuild;
        Rebuild();
    }

    public void Rebuild()
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        lock (_gate)
        {
            foreach (var view in _board.All.OrderBy(v => v.Name, StringComparer.Ordinal))
            {
                foreach (var service in view.Serving)
                {
                    if (RouteTarget.AddressOf(service) is not { } address)
                        continue;
                    var clusterId = $"{view.Name}/{service.Name}";
                    clusters.Add(new ClusterConfig
                    {
                        ClusterId = clusterId,
                        Destinations = new Dictionary<string, DestinationConfig>
                        {
                            ["container"] = new() { Address = address },
                        },
                    });
                    var hosts = new List<string> { _urls.Current.ServiceHost(view.Name, service.Name) };
                    if (service.Name == view.PublicService)
                        hosts.Add(_urls.Current.PublicHost(view.Name));
                    routes.Add(new RouteConfig
                    {
                        RouteId = clusterId,
                        ClusterId = clusterId,
                        Order = -1000,
                        Match = new RouteMatch { Hosts = hosts, Path = "/{**rest}" },
                    });
                }
            }
            _proxyConfig.Update(routes, clusters);
        }
    }
}
