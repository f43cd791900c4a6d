using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker;

/// <summary>Where the engine is and the few time limits the driver applies itself.</summary>
public sealed record DockerDriverOptions
{
    /// <summary>The socket Docker listens on when nothing else is said.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>The engine's API endpoint; by default <c>DOCKER_HOST</c>, else <see cref="DefaultEndpoint"/>.</summary>
    public Uri Endpoint { get; init; } = FromEnvironment();

    /// <summary>How long a stop waits for the container to exit before the engine kills it.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pull may take before it is abandoned.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an HTTP probe waits for any response.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The endpoint named by <c>DOCKER_HOST</c>, or <see cref="DefaultEndpoint"/> when it is unset.</summary>
    public static Uri FromEnvironment() => EndpointFrom(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary>
    /// <paramref name="dockerHost"/> when given; otherwise the first socket file that exists of
    /// Docker's (<c>/var/run/docker.sock</c>), rootful Podman's (<c>/run/podman/podman.sock</c>) and
    /// rootless Podman's (<c>$XDG_RUNTIME_DIR/podman/podman.sock</c>); else Docker's default.
    /// </summary>
    public static Uri EndpointFrom(string? dockerHost, Func<string, bool>? socketExists = null)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
            return new Uri(KnownSockets().FirstOrDefault(socketExists ?? File.Exists) is { } socket ? "unix://" + socket : DefaultEndpoint);
        if (!Uri.TryCreate(dockerHost.Trim(), UriKind.Absolute, out var endpoint))
            throw new DriverException($"DOCKER_HOST '{dockerHost}' is not an endpoint URI (expected e.g. unix:///run/podman/podman.sock)");
        return endpoint;
    }

    private static IEnumerable<string> KnownSockets()
    {
        yield return "/var/run/docker.sock";
        yield return "/run/podman/podman.sock";
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
            yield return Path.Combine(runtime, "podman", "podman.sock");
    }
}
