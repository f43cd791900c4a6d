using System.Net.Sockets;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Engine;

/// <summary>
/// A plain <see cref="HttpClient"/> to the engine's API, for the few answers whose shape
/// Docker.DotNet's models do not cover on every engine (<c>/system/df</c>: Podman 4.3 answers in
/// the pre-1.52 layout, recent Docker in the new one).
/// </summary>
internal static class EngineHttp
{
    /// <summary>A client whose relative requests reach <paramref name="endpoint"/> (unix socket, tcp or http).</summary>
    public static HttpClient Create(Uri endpoint, TimeSpan timeout)
    {
        switch (endpoint.Scheme)
        {
            case "unix":
                var socketPath = endpoint.LocalPath;
                var handler = new SocketsHttpHandler
                {
                    ConnectCallback = async (_, cancellationToken) =>
                    {
                        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                        try
                        {
                            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                };
                return new HttpClient(handler) { BaseAddress = new Uri("http://engine/"), Timeout = timeout };
            case "tcp":
            case "http":
                return new HttpClient { BaseAddress = new Uri($"http://{endpoint.Authority}/"), Timeout = timeout };
            case "https":
                return new HttpClient { BaseAddress = new Uri($"https://{endpoint.Authority}/"), Timeout = timeout };
            default:
                throw new DriverException($"cannot reach {endpoint} with plain HTTP: {endpoint.Scheme} endpoints are not supported for this call");
        }
    }
}
