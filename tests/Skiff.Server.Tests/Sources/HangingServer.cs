using System.Net;
using System.Net.Sockets;

namespace Skiff.Server.Tests.Sources;

/// <summary>A TCP port on 127.0.0.1 that accepts connections and never answers, and notices when a client goes away.</summary>
internal sealed class HangingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HangingServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/owner/repo.git";

    /// <summary>Completes when the first client connected.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes when the first client closed its connection (for example because it was killed).</summary>
    public Task Disconnected => _disconnected.Task;

    private async Task AcceptAsync()
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connected.TrySetResult();
            var buffer = new byte[4096];
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
            _disconnected.TrySetResult();
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException)
        {
            _disconnected.TrySetResult();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
