using System.Collections.Immutable;
using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;
using Skiff.Runtime.Docker.Containers;

namespace Skiff.Runtime.Docker.Tests.Containers;

public sealed class ContainerSpecMapperTests
{
    private static readonly ContainerRequest Minimal = new()
    {
        Environment = "shop-pr-7",
        Service = "web",
        Name = "skiff-shop-pr-7-web-abcdef12",
        Image = "localhost/skiff/web:1",
        Hash = "abcdef1234",
    };

    [Fact]
    public void Labels_network_and_alias_are_set()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Minimal, "skiff-shop-pr-7");

        Assert.Equal("shop-pr-7", parameters.Labels[EngineNames.EnvironmentLabel]);
        Assert.Equal("web", parameters.Labels[EngineNames.ServiceLabel]);
        Assert.Equal("abcdef1234", parameters.Labels[EngineNames.HashLabel]);
        Assert.Equal("skiff-shop-pr-7", parameters.HostConfig!.NetworkMode);
        Assert.Equal(["web"], parameters.NetworkingConfig!.EndpointsConfig!["skiff-shop-pr-7"].Aliases);
    }

    [Fact]
    public void Unset_fields_leave_the_image_defaults()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Minimal, "n");

        Assert.Null(parameters.Cmd);
        Assert.Null(parameters.Entrypoint);
        // Docker.DotNet starts its string fields as ""; the engines read "" as "not given".
        Assert.True(string.IsNullOrEmpty(parameters.WorkingDir));
        Assert.True(string.IsNullOrEmpty(parameters.User));
        Assert.Null(parameters.HostConfig!.PortBindings);
        Assert.Null(parameters.HostConfig!.Mounts);
        Assert.Equal(0, parameters.HostConfig!.Memory);
        Assert.Equal(RestartPolicyKind.No, parameters.HostConfig!.RestartPolicy.Name);
        Assert.Equal(["NONE"], parameters.Healthcheck!.Test);
    }

    [Fact]
    public void Ports_are_published_on_loopback_with_a_random_host_port()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Minimal with
        {
            Ports = [new PublishedPort(8080), new PublishedPort(53, "UDP")],
            Expose = [9000, 8080],
        }, "n");

        Assert.Equal(["53/udp", "8080/tcp", "9000/tcp"], parameters.ExposedPorts!.Keys.Order());
        var binding = Assert.Single(parameters.HostConfig!.PortBindings!["8080/tcp"]);
        Assert.Equal("127.0.0.1", binding.HostIP);
        Assert.Equal("", binding.HostPort);
        Assert.False(parameters.HostConfig!.PortBindings!.ContainsKey("9000/tcp"));
    }

    [Fact]
    public void An_empty_entrypoint_is_sent_as_one_empty_string()
    {
        Assert.Equal([""], ContainerSpecMapper.ToCreateParameters(Minimal with { Entrypoint = [] }, "n").Entrypoint);
        Assert.Equal(["tini", "--"], ContainerSpecMapper.ToCreateParameters(Minimal with { Entrypoint = ["tini", "--"] }, "n").Entrypoint);
        Assert.Equal([], ContainerSpecMapper.ToCreateParameters(Minimal with { Command = [] }, "n").Cmd);
    }

    [Fact]
    public void Mounts_environment_and_limits_are_mapped()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Minimal with
        {
            EnvironmentVariables = ImmutableSortedDictionary<string, string>.Empty.Add("B", "2").Add("A", "x=y"),
            Mounts =
            [
                new ContainerMount(MountType.Volume, "skiff-shop-pr-7-data", "/data", false),
                new ContainerMount(MountType.Bind, "/srv/seed", "/seed", true),
                new ContainerMount(MountType.Volume, null, "/cache", false),
            ],
            MemoryBytes = 256L << 20,
            NanoCpus = 1_500_000_000,
        }, "n");

        Assert.Equal(["A=x=y", "B=2"], parameters.Env);
        Assert.Collection(parameters.HostConfig!.Mounts!,
            m => Assert.Equal(("volume", "skiff-shop-pr-7-data", "/data", false), (m.Type, m.Source, m.Target, m.ReadOnly!.Value)),
            m => Assert.Equal(("bind", "/srv/seed", "/seed", true), (m.Type, m.Source, m.Target, m.ReadOnly!.Value)),
            m => Assert.Equal(("volume", "", "/cache"), (m.Type, m.Source, m.Target)));
        Assert.Equal(256L << 20, parameters.HostConfig!.Memory);
        Assert.Equal(1_500_000_000, parameters.HostConfig!.NanoCPUs);
    }

    [Theory]
    [InlineData(null, RestartPolicyKind.No, 0)]
    [InlineData("no", RestartPolicyKind.No, 0)]
    [InlineData("always", RestartPolicyKind.Always, 0)]
    [InlineData("unless-stopped", RestartPolicyKind.UnlessStopped, 0)]
    [InlineData("on-failure", RestartPolicyKind.OnFailure, 0)]
    [InlineData("on-failure:5", RestartPolicyKind.OnFailure, 5)]
    public void Restart_words_map_to_policies(string? word, RestartPolicyKind kind, long retries)
    {
        var policy = RestartPolicyParser.Parse(word);

        Assert.Equal(kind, policy.Name);
        Assert.Equal(retries, policy.MaximumRetryCount);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("on-failure:x")]
    [InlineData("on-failure:-1")]
    public void An_unknown_restart_word_is_a_clear_error(string word)
    {
        var error = Assert.Throws<DriverException>(() => RestartPolicyParser.Parse(word));

        Assert.Contains(word, error.Message);
        Assert.Contains("on-failure[:N]", error.Message);
    }
}
