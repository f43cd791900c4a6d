using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverEnvironmentTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task State_after_a_run_holds_the_container_network_and_volume()
    {
        await Driver.EnsureNetworkAsync(Env, Timeout());
        await Driver.EnsureNetworkAsync(Env, Timeout());
        Assert.True(await Driver.EnsureVolumeAsync(Env, "pgdata", Timeout()));
        Assert.False(await Driver.EnsureVolumeAsync(Env, "pgdata", Timeout()));
        var request = Request("db", Idle()) with { Ports = Publish(5432) };
        var run = await Driver.RunContainerAsync(request, Timeout());

        var state = await Driver.GetStateAsync(Env, Timeout());

        var container = Assert.Single(state.Containers);
        Assert.Equal(run.Id, container.Id);
        Assert.Equal("db", container.Service);
        Assert.Equal(request.Hash, container.Hash);
        Assert.True(container.IsRunning);
        Assert.Equal(run.PublishedPorts[5432], container.PublishedPorts[5432]);
        Assert.Equal([EngineNames.Network(Env)], state.Networks.AsEnumerable());
        Assert.Equal(["pgdata"], state.Volumes.AsEnumerable());
        Assert.Contains(Env, await Driver.ListEnvironmentsAsync(Timeout()));
    }

    [Fact]
    public async Task State_includes_stopped_containers()
    {
        var run = await Driver.RunContainerAsync(Request("job", "true"), Timeout());
        Assert.True(await EventuallyAsync(async () => (await Driver.InspectContainerAsync(run.Id, Timeout()))?.Status == "exited"));

        var container = Assert.Single((await Driver.GetStateAsync(Env, Timeout())).Containers);

        Assert.Equal("exited", container.Status);
        Assert.Equal(0, container.ExitCode);
    }

    [Fact]
    public async Task An_unknown_environment_is_empty()
    {
        var state = await Driver.GetStateAsync(Env, Timeout());

        Assert.True(state.IsEmpty);
        Assert.DoesNotContain(Env, await Driver.ListEnvironmentsAsync(Timeout()));
    }

    [Fact]
    public async Task Removing_an_environment_removes_its_objects_and_nothing_else()
    {
        // Another environment whose name starts with this one's, so a prefix match would hit it.
        var neighbour = Env + "-2";
        OnCleanup(() => Driver.RemoveEnvironmentAsync(neighbour, CancellationToken.None));
        foreach (var environment in new[] { Env, neighbour })
        {
            await Driver.EnsureVolumeAsync(environment, "data", Timeout());
            await Driver.RunContainerAsync(RequestIn(environment, "web", Idle()), Timeout());
        }
        var strayName = $"skiff-stray-{Env}";
        var stray = await Engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Name = strayName, Image = Engine.BusyboxImage, Cmd = ["true"] }, Timeout());
        OnCleanup(() => Engine.Client.Containers.RemoveContainerAsync(stray.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None));
        await Engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = strayName }, Timeout());
        OnCleanup(() => Engine.Client.Volumes.RemoveAsync(strayName, force: true, CancellationToken.None));
        Assert.Contains(neighbour, await Driver.ListEnvironmentsAsync(Timeout()));

        await Driver.RemoveEnvironmentAsync(Env, Timeout());

        Assert.True((await Driver.GetStateAsync(Env, Timeout())).IsEmpty);
        Assert.DoesNotContain(Env, await Driver.ListEnvironmentsAsync(Timeout()));
        var survivor = await Driver.GetStateAsync(neighbour, Timeout());
        Assert.Single(survivor.Containers);
        Assert.Equal(["data"], survivor.Volumes.AsEnumerable());
        Assert.Equal([EngineNames.Network(neighbour)], survivor.Networks.AsEnumerable());
        Assert.NotNull(await Engine.Client.Containers.InspectContainerAsync(stray.ID, Timeout()));
        Assert.NotNull(await Engine.Client.Volumes.InspectAsync(strayName, Timeout()));
    }

    [Fact]
    public async Task Removing_an_environment_twice_is_harmless()
    {
        await Driver.RunContainerAsync(Request("web", Idle()), Timeout());

        await Driver.RemoveEnvironmentAsync(Env, Timeout());
        await Driver.RemoveEnvironmentAsync(Env, Timeout());

        Assert.True((await Driver.GetStateAsync(Env, Timeout())).IsEmpty);
    }
}
