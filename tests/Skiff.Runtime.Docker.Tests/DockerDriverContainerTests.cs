using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverContainerTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task Run_labels_the_container_and_reports_it_running()
    {
        var request = Request("api", Idle());

        var state = await Driver.RunContainerAsync(request, Timeout());

        Assert.True(state.IsRunning);
        Assert.Equal(request.Name, state.Name);
        Assert.Equal(Env, state.Environment);
        Assert.Equal("api", state.Service);
        Assert.Equal(request.Hash, state.Hash);
        Assert.Equal(Engine.BusyboxImage, state.Image);
        Assert.NotNull(state.CreatedAt);
        var inspect = await Engine.Client.Containers.InspectContainerAsync(state.Id, Timeout());
        Assert.Equal(Env, inspect.Config!.Labels![EngineNames.EnvironmentLabel]);
        Assert.Equal("api", inspect.Config!.Labels![EngineNames.ServiceLabel]);
        Assert.Equal(request.Hash, inspect.Config!.Labels![EngineNames.HashLabel]);
        Assert.Contains(EngineNames.Network(Env), inspect.NetworkSettings!.Networks!.Keys);
    }

    [Fact]
    public async Task Restart_policy_and_limits_reach_the_engine()
    {
        var request = Request("limited", Idle()) with { Restart = "on-failure:3", MemoryBytes = 64L << 20, NanoCpus = 500_000_000 };

        var state = await Driver.RunContainerAsync(request, Timeout());

        var host = (await Engine.Client.Containers.InspectContainerAsync(state.Id, Timeout())).HostConfig;
        Assert.Equal(RestartPolicyKind.OnFailure, host!.RestartPolicy!.Name);
        Assert.Equal(3, host.RestartPolicy.MaximumRetryCount);
        Assert.Equal(64L << 20, host.Memory);
        // Podman 4.3 reports NanoCpus back and, beside it, the CFS quota it made of it (50000 per 100000).
        Assert.Equal(500_000_000, host.NanoCPUs);
    }

    [Theory]
    [InlineData("always", RestartPolicyKind.Always)]
    [InlineData("unless-stopped", RestartPolicyKind.UnlessStopped)]
    public async Task Other_restart_words_reach_the_engine(string restart, RestartPolicyKind expected)
    {
        var state = await Driver.RunContainerAsync(Request("restarting", Idle()) with { Restart = restart }, Timeout());

        var host = (await Engine.Client.Containers.InspectContainerAsync(state.Id, Timeout())).HostConfig;
        Assert.Equal(expected, host!.RestartPolicy!.Name);
    }

    [Fact]
    public async Task Environment_working_dir_and_user_apply()
    {
        var request = Request("configured", Idle()) with
        {
            EnvironmentVariables = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("GREETING", "hello world"),
            WorkingDir = "/www",
            User = "nobody",
        };
        var state = await Driver.RunContainerAsync(request, Timeout());

        var result = await Driver.ExecAsync(state.Id, ["sh", "-c", "echo \"$GREETING|$(pwd)|$(id -un)\""], TimeSpan.FromSeconds(10), Timeout());

        Assert.Equal("hello world|/www|nobody", result.Output.Trim());
    }

    [Fact]
    public async Task An_empty_entrypoint_resets_the_image_entrypoint()
    {
        var image = await TestImages.EnsureAsync(Driver, "entrypoint", new Dictionary<string, string>
        {
            ["Dockerfile"] = $"FROM {Engine.BusyboxImage}\nENTRYPOINT [\"/bin/false\"]\n",
        });
        var request = Request("reset", Idle()) with { Image = image, Entrypoint = [] };

        var state = await Driver.RunContainerAsync(request, Timeout());

        await Task.Delay(500);
        var after = await Driver.InspectContainerAsync(state.Id, Timeout());
        Assert.True(after!.IsRunning, $"the image's entrypoint ran instead of the command: {after.Status} {after.ExitCode}");
    }

    [Fact]
    public async Task A_given_entrypoint_replaces_the_image_entrypoint()
    {
        var request = Request("entry", "echo from-entrypoint; exec sleep 300") with { Entrypoint = ["sh", "-c"] };

        var state = await Driver.RunContainerAsync(request, Timeout());

        Assert.True(await EventuallyAsync(async () =>
        {
            var lines = new List<string>();
            await foreach (var line in Driver.ReadLogsAsync(state.Id, 10, follow: false, Timeout()))
                lines.Add(line);
            return lines.Contains("from-entrypoint");
        }, seconds: 10));
    }

    [Fact]
    public async Task Named_bind_and_anonymous_mounts_work()
    {
        Assert.True(await Driver.EnsureVolumeAsync(Env, "data", Timeout()));
        using var host = new TempDirectory();
        host.Write("config.txt", "from-the-host");
        var request = Request("mounted", Idle()) with
        {
            Mounts =
            [
                new ContainerMount(MountType.Volume, EngineNames.Volume(Env, "data"), "/data", ReadOnly: false),
                new ContainerMount(MountType.Bind, host.Path, "/host", ReadOnly: true),
                new ContainerMount(MountType.Volume, null, "/scratch", ReadOnly: false),
            ],
        };
        var writer = await Driver.RunContainerAsync(request, Timeout());

        Assert.True((await Driver.ExecAsync(writer.Id, ["sh", "-c", "echo kept > /data/file && echo tmp > /scratch/file"], TimeSpan.FromSeconds(10), Timeout())).Succeeded);
        Assert.Equal("from-the-host", (await Driver.ExecAsync(writer.Id, ["cat", "/host/config.txt"], TimeSpan.FromSeconds(10), Timeout())).Output);
        Assert.False((await Driver.ExecAsync(writer.Id, ["touch", "/host/new"], TimeSpan.FromSeconds(10), Timeout())).Succeeded);

        var anonymous = (await Engine.Client.Containers.InspectContainerAsync(writer.Id, Timeout())).Mounts.Single(m => m.Destination == "/scratch").Name;
        Assert.False(string.IsNullOrEmpty(anonymous));
        await Driver.RemoveContainerAsync(writer.Id, Timeout());

        // The named volume outlives the container; the anonymous one goes with it.
        var reader = await Driver.RunContainerAsync(Request("reader", Idle()) with { Mounts = [request.Mounts[0]] }, Timeout());
        Assert.Equal("kept", (await Driver.ExecAsync(reader.Id, ["cat", "/data/file"], TimeSpan.FromSeconds(10), Timeout())).Output.Trim());
        var volumes = await Engine.Client.Volumes.ListAsync(Timeout());
        Assert.DoesNotContain(volumes.Volumes ?? [], v => v.Name == anonymous);
    }

    [Fact]
    public async Task Run_replaces_a_leftover_container_of_the_same_name()
    {
        var request = Request("api", Idle());
        var first = await Driver.RunContainerAsync(request, Timeout());

        var second = await Driver.RunContainerAsync(request, Timeout());

        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(await Driver.InspectContainerAsync(first.Id, Timeout()));
        Assert.True(second.IsRunning);
    }

    [Fact]
    public async Task Stop_start_and_remove()
    {
        var state = await Driver.RunContainerAsync(Request("cycle", Idle()) with { Ports = Publish(8080) }, Timeout());

        await Driver.StopContainerAsync(state.Id, Timeout());
        var stopped = await Driver.InspectContainerAsync(state.Id, Timeout());
        Assert.Equal("exited", stopped!.Status);
        Assert.Equal(0, stopped.ExitCode);

        var started = await Driver.StartContainerAsync(state.Id, Timeout());
        Assert.True(started.IsRunning);
        Assert.Contains(8080, started.PublishedPorts);

        await Driver.RemoveContainerAsync(state.Id, Timeout());
        Assert.Null(await Driver.InspectContainerAsync(state.Id, Timeout()));
        await Driver.RemoveContainerAsync(state.Id, Timeout());
    }

    [Fact]
    public async Task A_container_that_cannot_start_is_removed_and_reported()
    {
        var request = Request("broken", "/no/such/binary");

        var error = await Assert.ThrowsAsync<DriverException>(() => Driver.RunContainerAsync(request, Timeout()));

        Output.WriteLine(error.Message);
        Assert.Contains(request.Name, error.Message);
        Assert.Null(await Driver.InspectContainerAsync(request.Name, Timeout()));
    }

    [Fact]
    public async Task A_missing_image_is_a_driver_error_naming_it()
    {
        var request = Request("ghost", Idle()) with { Image = "localhost/skiff-test/no-such-image:1" };

        var error = await Assert.ThrowsAsync<DriverException>(() => Driver.RunContainerAsync(request, Timeout()));

        Output.WriteLine(error.Message);
        Assert.Contains("no-such-image", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Inspect_of_an_unknown_container_is_null()
    {
        Assert.Null(await Driver.InspectContainerAsync("skiff-no-such-container-" + Env, Timeout()));
    }
}
