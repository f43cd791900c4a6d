namespace Skiff.Tests.Shared;

/// <summary>The engine integration tests use: DOCKER_HOST, else the Podman socket scripts/setup-host.sh starts.</summary>
public static class EngineEndpoint
{
    public const string PodmanSocket = "unix:///run/podman/podman.sock";

    public static string DockerHost => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : PodmanSocket;
}
