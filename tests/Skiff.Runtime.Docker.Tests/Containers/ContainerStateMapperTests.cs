using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Runtime.Docker.Containers;

namespace Skiff.Runtime.Docker.Tests.Containers;

public sealed class ContainerStateMapperTests
{
    [Fact]
    public void Published_ports_prefer_loopback_and_tcp_and_skip_unpublished_ones()
    {
        var ports = new Dictionary<string, IList<PortBinding>>
        {
            ["80/udp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "40001" }],
            ["80/tcp"] = [new PortBinding { HostIP = "::1", HostPort = "40002" }, new PortBinding { HostIP = "127.0.0.1", HostPort = "40003" }],
            ["9000/tcp"] = null!,
            ["5432/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "40004" }],
        };

        var published = ContainerStateMapper.PublishedPorts(ports);

        Assert.Equal(2, published.Count);
        Assert.Equal(40003, published[80]);
        Assert.Equal(40004, published[5432]);
    }

    [Fact]
    public void Inspect_is_read_into_a_snapshot()
    {
        var inspect = new ContainerInspectResponse
        {
            ID = "abc",
            Name = "/skiff-e-web-1234",
            Created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            State = new State { Status = "exited", ExitCode = 137 },
            Image = "sha256:ffff",
            Config = new ContainerConfig
            {
                Image = "localhost/skiff/web:1",
                Labels = new Dictionary<string, string>
                {
                    [EngineNames.EnvironmentLabel] = "e",
                    [EngineNames.ServiceLabel] = "web",
                    [EngineNames.HashLabel] = "1234",
                },
            },
        };

        var state = ContainerStateMapper.FromInspect(inspect);

        Assert.Equal("skiff-e-web-1234", state.Name);
        Assert.Equal(("e", "web", "1234"), (state.Environment, state.Service, state.Hash));
        Assert.Equal("localhost/skiff/web:1", state.Image);
        Assert.Equal(137, state.ExitCode);
        Assert.False(state.IsRunning);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), state.CreatedAt);
    }
}
