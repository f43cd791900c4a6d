using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Skiff.Server.Sources;

namespace Skiff.Server.Tests.Sources;

public sealed class GitSourceNetworkTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public async Task A_closed_port_fails_fast_with_the_connection_error()
    {
        using var home = new SourceHome();
        var url = $"http://127.0.0.1:{ClosedPort()}/acme/shop.git";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            home.Source.CheckoutAsync(SourceHome.Request(url, Sha, "refs/pull/7/head"), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.StartsWith($"cannot fetch {Sha} from {url}: unable to access '{url}/': Failed to connect to 127.0.0.1 port", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("nor refs/pull/7/head:", error.Message);
    }

    [Fact]
    public async Task Cancellation_kills_a_hanging_fetch()
    {
        using var home = new SourceHome();
        using var server = new HangingServer();
        using var cancel = new CancellationTokenSource();
        var checkout = home.Source.CheckoutAsync(SourceHome.Request(server.Url, Sha), cancel.Token);
        await server.Connected.WaitAsync(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checkout.WaitAsync(TimeSpan.FromSeconds(10)));
        await server.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(home.CheckoutsOf("acme", "shop")) && Directory.EnumerateFileSystemEntries(home.CheckoutsOf("acme", "shop")).Any());
    }

    [Fact]
    public async Task A_fetch_longer_than_the_timeout_is_killed_and_reported()
    {
        using var home = new SourceHome(options => options with { FetchTimeout = TimeSpan.FromSeconds(1) });
        using var server = new HangingServer();

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            home.Source.CheckoutAsync(SourceHome.Request(server.Url, Sha), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal("git fetch timed out after 1 s", error.Message);
        await server.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Https_without_a_token_does_not_prompt()
    {
        using var home = new SourceHome();
        var server = await GitHttpServer.StartAsync(Path.GetTempPath(), "secret-token-value");
        await using var _ = server;
        var url = server.UrlOf("acme/shop.git");

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            home.Source.CheckoutAsync(SourceHome.Request(url, Sha), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal($"cannot fetch {Sha} from {url}: could not read Username for '{server.Address.AbsoluteUri.TrimEnd('/')}': terminal prompts disabled", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
