using System.Net;

namespace Skiff.Tests.Shared;

/// <summary>
/// A request to an environment through the router, as a browser sends it (Host header with port).
/// The shop's web answers its own "products cannot be shown" page when it cannot reach its API,
/// which happens for a moment after an update on Podman 4.3 (the network's DNS pauses while a
/// container leaves it; see docs/operations.md): such an answer from the app itself is asked
/// again, a bounded number of times. Anything else — the router's own errors included — is
/// returned as it came.
/// </summary>
public static class EnvironmentPage
{
    private const string ShopUnavailable = "id=\"unavailable\"";
    private const int Attempts = 20;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, Uri server, string host, string path = "/")
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
            request.Headers.Host = $"{host}:{server.Port}";
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadGateway || !body.Contains(ShopUnavailable, StringComparison.Ordinal) || attempt == Attempts)
                return (response.StatusCode, body);
            await Task.Delay(Pause);
        }
    }
}
