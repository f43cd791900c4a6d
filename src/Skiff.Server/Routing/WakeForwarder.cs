using System.Net;
using Skiff.Server.Reconciliation;
using Yarp.ReverseProxy.Forwarder;

namespace Skiff.Server.Routing;

/// <summary>Forwards a request held while its environment woke, straight to the container's 127.0.0.1 port (YARP's forwarder).</summary>
public sealed class WakeForwarder(IHttpForwarder forwarder, EnvironmentBoard board) : IDisposable
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
        var target = view.Serving.FirstOrDefault(s => s.Name == name && s.ContainerId is not null && !s.PublishedPorts.IsEmpty);
        if (target is null)
            return false;
        var port = target.PublishedPorts.OrderBy(p => p.Key).First().Value;
        await forwarder.SendAsync(context, $"http://127.0.0.1:{port}/", _client);
        return true;
    }

    public void Dispose() => _client.Dispose();
}
