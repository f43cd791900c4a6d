using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverUsageTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    /// <summary>Does a fixed amount of work (about 1.4 s of one core here, however busy the host), marks it, then idles (and exits at once on SIGTERM).</summary>
    private static readonly string[] BurnThenIdle =
        ["sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done; touch /tmp/burnt; trap 'exit 0' TERM; while :; do sleep 0.2; done"];

    [Fact]
    public async Task A_container_that_burnt_cpu_reports_the_cpu_seconds_it_used()
    {
        var state = await Driver.RunContainerAsync(Request("burner", BurnThenIdle), Timeout());
        Assert.True(await EventuallyAsync(async () => (await Driver.ExecAsync(state.Id, ["test", "-f", "/tmp/burnt"], TimeSpan.FromSeconds(5), Timeout())).Succeeded));

        var usage = await Driver.GetUsageAsync(state.Id, Timeout());

        Assert.NotNull(usage);
        Output.WriteLine($"cpu {usage.CpuUsedSeconds:0.000} s, memory {usage.MemoryUsedBytes} B, limits {usage.CpuLimit?.ToString() ?? "none"} / {usage.MemoryLimitBytes?.ToString() ?? "none"}");
        Assert.InRange(usage.CpuUsedSeconds, 0.5, 5);
        Assert.InRange(usage.MemoryUsedBytes, 1, 512L << 20);
        // No limits asked for: none reported (not the host's RAM, which the stats give as "limit").
        Assert.Null(usage.CpuLimit);
        Assert.Null(usage.MemoryLimitBytes);

        // A counter: it never goes down while the container runs.
        var again = await Driver.GetUsageAsync(state.Id, Timeout());
        Assert.True(again!.CpuUsedSeconds >= usage.CpuUsedSeconds);
    }

    [Fact]
    public async Task Limits_are_the_ones_requested()
    {
        var state = await Driver.RunContainerAsync(Request("limited", Idle()) with { NanoCpus = 500_000_000, MemoryBytes = 96L << 20 }, Timeout());

        var usage = await Driver.GetUsageAsync(state.Id, Timeout());

        Assert.NotNull(usage);
        Assert.Equal(0.5, usage.CpuLimit);
        Assert.Equal(96L << 20, usage.MemoryLimitBytes);
        Assert.InRange(usage.MemoryUsedBytes, 1, 96L << 20);
    }

    [Fact]
    public async Task A_stopped_a_created_and_an_unknown_container_give_null()
    {
        var running = await Driver.RunContainerAsync(Request("stopping", Idle()), Timeout());
        await Driver.StopContainerAsync(running.Id, Timeout());
        var created = await Driver.CreateContainerAsync(Request("created", Idle()), Timeout());

        Assert.Null(await Driver.GetUsageAsync(running.Id, Timeout()));
        Assert.Null(await Driver.GetUsageAsync(created.Id, Timeout()));
        Assert.Null(await Driver.GetUsageAsync("skiff-no-such-container-" + Env, Timeout()));
    }

    [Fact]
    public async Task A_volume_holding_a_5_mb_file_measures_at_least_5_mb()
    {
        await Driver.EnsureVolumeAsync(Env, "data", Timeout());
        await Driver.EnsureVolumeAsync(Env, "empty", Timeout());
        var other = OtherEnvironment();
        await Driver.EnsureVolumeAsync(other, "data", Timeout());
        var writer = await Driver.RunContainerAsync(Request("writer", Idle()) with
        {
            Mounts = [new ContainerMount(Core.Specs.MountType.Volume, EngineNames.Volume(Env, "data"), "/data", ReadOnly: false)],
        }, Timeout());
        var written = await Driver.ExecAsync(writer.Id, ["sh", "-c", "head -c 5242880 /dev/urandom > /data/blob && sync"], TimeSpan.FromSeconds(20), Timeout());
        Assert.True(written.Succeeded, written.Output);

        var sizes = await Driver.GetVolumeSizesAsync(Env, Timeout());

        Output.WriteLine(string.Join(", ", sizes.Select(s => $"{s.Key}={s.Value}")));
        // Podman 4.3.1 (and Docker) compute the size of every local volume for /system/df.
        Assert.Equal(["data", "empty"], sizes.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(sizes["data"], 5L << 20, 6L << 20);
        Assert.InRange(sizes["empty"], 0, 64L << 10);
    }

    [Fact]
    public async Task A_broken_volume_elsewhere_on_the_engine_does_not_stop_the_measure()
    {
        await Driver.EnsureVolumeAsync(Env, "data", Timeout());
        var writer = await Driver.RunContainerAsync(Request("writer", Idle()) with
        {
            Mounts = [new ContainerMount(Core.Specs.MountType.Volume, EngineNames.Volume(Env, "data"), "/data", ReadOnly: false)],
        }, Timeout());
        var written = await Driver.ExecAsync(writer.Id, ["sh", "-c", "head -c 3145728 /dev/urandom > /data/blob && sync"], TimeSpan.FromSeconds(20), Timeout());
        Assert.True(written.Succeeded, written.Output);
        // Another environment's volume loses its folder (as an interrupted removal leaves it): the
        // engine's /system/df now fails for everyone; this host can still read the mount points.
        var other = OtherEnvironment();
        await Driver.EnsureVolumeAsync(other, "data", Timeout());
        var broken = await Engine.Client.Volumes.InspectAsync(EngineNames.Volume(other, "data"), Timeout());
        Assert.True(Directory.Exists(broken.Mountpoint), $"the engine is not on this host: {broken.Mountpoint} is not here");
        Directory.Delete(broken.Mountpoint, recursive: true);

        var sizes = await Driver.GetVolumeSizesAsync(Env, Timeout());

        Assert.InRange(sizes["data"], 3L << 20, 4L << 20);
    }

    [Fact]
    public async Task An_environment_without_volumes_has_no_sizes()
    {
        await Driver.RunContainerAsync(Request("plain", Idle()), Timeout());

        Assert.Empty(await Driver.GetVolumeSizesAsync(Env, Timeout()));
    }
}
