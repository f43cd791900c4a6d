using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Tests.Infrastructure;

/// <summary>
/// The real engine every integration test runs against. When no engine answers, initialisation
/// throws and every test of the collection fails with that message: these tests never skip.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    /// <summary>What scripts/setup-host.sh provides on the Skiff build host.</summary>
    public const string DefaultEndpoint = "unix:///run/podman/podman.sock";

    public Uri Endpoint { get; } = ResolveEndpoint();

    public EngineInfo Info { get; private set; } = null!;

    /// <summary>A raw client, for looking at what the driver did from outside it.</summary>
    public DockerClient Client { get; private set; } = null!;

    /// <summary>debian:bookworm-slim with busybox (httpd, wget) and a page at /www/index.html.</summary>
    public string BusyboxImage { get; private set; } = null!;

    public static Uri ResolveEndpoint()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return new Uri(string.IsNullOrWhiteSpace(dockerHost) ? DefaultEndpoint : dockerHost);
    }

    public DockerDriverOptions Options => new() { Endpoint = Endpoint };

    public async Task InitializeAsync()
    {
        try
        {
            // Generous: the other test assemblies start servers against the same engine at the same
            // moment, and Podman answers its version query slowly then (it runs the runtime binaries).
            Info = await EngineConnection.VerifyAsync(Endpoint, TimeSpan.FromSeconds(60), CancellationToken.None);
        }
        catch (DriverException e)
        {
            throw new InvalidOperationException(
                $"Skiff.Runtime.Docker.Tests run against a real engine and found none: {e.Message}", e);
        }
        Client = new DockerClientBuilder().WithEndpoint(Endpoint).Build();
        using var driver = new DockerDriver(Options, NullLogger<DockerDriver>.Instance);
        BusyboxImage = await TestImages.EnsureBusyboxAsync(driver);
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
