namespace Skiff.Runtime.Docker.Containers;

/// <summary>Asks whether anything answers HTTP on a host port of 127.0.0.1.</summary>
internal static class HttpProbe
{
    // One client for every probe: a handler per probe would leave sockets behind.
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>True for any HTTP response, whatever its status; false when the connection is refused, reset or times out.</summary>
    public static async Task<bool> RespondsAsync(int hostPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{hostPort}/");
        // A fresh connection each time: a pooled one could outlive the server it was opened to.
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
