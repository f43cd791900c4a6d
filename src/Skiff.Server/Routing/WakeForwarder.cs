using System.Net;
using Skiff.Server.Reconciliation;
using Yarp.ReverseProxy.Forwarder;
using Skiff.Server.Serving;

namespace Skiff.Server.Routing;

/// <summary>
/// Forwards a request straight to the container's 127.0.0.1 port (YARP's forwarder), for requests
/// no route took: one held while its environment woke, or one that came in while the proxy was
/// still taking up a new route table. Counted in flight like routed requests.
/// </summary>
public sealed class WakeForwarder(IHttpForwarder forwarder, EnvironmentBoard board, InFlightRequests inFlight) : IDisposable
{
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    /// <summary>False when the environment has no serving container for that service (the caller answers instead).</summary>
    public async Task<bool> ForwardAsync(HttpContext context, string environment, string? service)
    {
        if (board.Find(environment) is not { } view)
            return false;
        var name = service ?? view.PublicService;
        if (view.Serving.Where(s => s.Name == name).Select(RouteTarget.AddressOf).FirstOrDefault(a => a is not null) is not { } address)
            return false;
        using var lease = inFlight.Begin(address);
        await forwarder.SendAsync(context, address, _client);
        return true;
    }

    public void Dispose() => _client.Dispose();
}
