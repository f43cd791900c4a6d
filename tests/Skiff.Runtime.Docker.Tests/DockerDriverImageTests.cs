using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverImageTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task Image_exists_for_a_local_image_and_not_for_an_unknown_one()
    {
        Assert.True(await Driver.ImageExistsAsync("docker.io/library/debian:bookworm-slim", Timeout()));
        Assert.True(await Driver.ImageExistsAsync(Engine.BusyboxImage, Timeout()));
        Assert.False(await Driver.ImageExistsAsync($"localhost/skiff-test/unknown:{Env}", Timeout()));
    }

    [Fact]
    public async Task A_pull_from_an_unreachable_registry_fails_quickly_with_a_clear_message()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DriverException>(() => Driver.PullImageAsync("localhost:1/skiff/unreachable:1", Timeout()));

        Output.WriteLine(error.Message);
        Assert.StartsWith("cannot pull localhost:1/skiff/unreachable:1: no registry reachable", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_pull_that_outlives_its_bound_is_abandoned()
    {
        // A "registry" that accepts connections and never says a word: the engine's pull hangs in
        // the TLS handshake until the driver's bound cuts it. (The engine runs on this host, so it
        // reaches our 127.0.0.1.)
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        using var stopAccepting = new CancellationTokenSource();
        var accepting = AcceptForeverAsync(silent, accepted, stopAccepting.Token);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var driver = new DockerDriver(Engine.Options with { PullTimeout = TimeSpan.FromSeconds(2) }, new XunitLogger<DockerDriver>(Output));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.PullImageAsync($"127.0.0.1:{port}/skiff/slow:1", Timeout()));

        Output.WriteLine(error.Message);
        Assert.Equal($"cannot pull 127.0.0.1:{port}/skiff/slow:1: no answer within 2 s (no registry reachable from the engine?)", error.Message);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(accepted);
        await stopAccepting.CancelAsync();
        await accepting;
        accepted.ForEach(s => s.Dispose());
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<Socket> accepted, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                lock (accepted)
                    accepted.Add(socket);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
