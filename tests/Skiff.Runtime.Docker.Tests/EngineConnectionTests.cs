using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class EngineConnectionTests
{
    [Fact]
    public async Task A_socket_where_nothing_listens_gives_a_message_that_says_what_to_do()
    {
        var endpoint = new Uri($"unix:///tmp/skiff-no-engine-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<DriverException>(() => EngineConnection.VerifyAsync(endpoint, CancellationToken.None));

        Assert.StartsWith($"no container engine answers at {endpoint}", error.Message);
        Assert.Contains($"(no socket file at {endpoint.LocalPath})", error.Message);
        Assert.Contains("set DOCKER_HOST, or run scripts/setup-host.sh", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_unreachable_tcp_endpoint_fails_within_the_timeout()
    {
        var endpoint = new Uri("tcp://10.255.255.1:2375");
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<DriverException>(() => EngineConnection.VerifyAsync(endpoint, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.StartsWith("no container engine answers at tcp://10.255.255.1:2375", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_test_engine_answers()
    {
        var info = await EngineConnection.VerifyAsync(EngineFixture.ResolveEndpoint(), TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Contains(info.Product, new[] { "Docker", "Podman" });
        Assert.NotEqual("?", info.ApiVersion);
    }

    [Theory]
    [InlineData(null, DockerDriverOptions.DefaultEndpoint)]
    [InlineData("", DockerDriverOptions.DefaultEndpoint)]
    [InlineData("unix:///run/podman/podman.sock", "unix:///run/podman/podman.sock")]
    [InlineData("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375/")]
    public void The_endpoint_comes_from_DOCKER_HOST(string? dockerHost, string expected)
    {
        Assert.Equal(expected, DockerDriverOptions.EndpointFrom(dockerHost, socketExists: _ => false).ToString());
    }

    [Theory]
    [InlineData("/var/run/docker.sock", "unix:///var/run/docker.sock")]
    [InlineData("/run/podman/podman.sock", "unix:///run/podman/podman.sock")]
    public void Without_DOCKER_HOST_the_first_socket_that_exists_is_used(string socket, string expected)
    {
        Assert.Equal(expected, DockerDriverOptions.EndpointFrom(null, socketExists: path => path == socket).ToString());
    }

    [Fact]
    public void A_DOCKER_HOST_that_is_no_uri_is_a_clear_error()
    {
        var error = Assert.Throws<DriverException>(() => DockerDriverOptions.EndpointFrom("not a uri"));

        Assert.Contains("DOCKER_HOST", error.Message);
    }
}
