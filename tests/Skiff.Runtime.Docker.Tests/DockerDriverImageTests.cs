using System.Diagnostics;
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
        // 10.255.255.1 is not routed here: the engine's connection attempt hangs until the bound cuts it.
        using var driver = new DockerDriver(Engine.Options with { PullTimeout = TimeSpan.FromSeconds(2) }, new XunitLogger<DockerDriver>(Output));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.PullImageAsync("10.255.255.1:5000/skiff/slow:1", Timeout()));

        Output.WriteLine(error.Message);
        Assert.StartsWith("cannot pull 10.255.255.1:5000/skiff/slow:1", error.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }
}
