using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Core.Costs;
using Skiff.Core.Runtime;
using Skiff.Server.Costs;
using Skiff.Server.Store;
using Skiff.Server.Tests.Store;
using Skiff.Server.Configuration;
using static Skiff.Server.Tests.Costs.FakeUsageRuntime;

namespace Skiff.Server.Tests.Costs;

public sealed class UsageSamplerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset T0 = TestStore.Start;
    private static readonly DateTimeOffset LongAgo = T0.AddDays(-1);

    private readonly FakeUsageRuntime _driver = new();

    [Fact]
    public async Task A_running_limited_service_reserves_its_limits_and_uses_its_counter_difference()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("shop-pr-7", "acme/shop", "alice");
        _driver.SetState("shop-pr-7", [Container("shop-pr-7", "web", "c1", createdAt: LongAgo)]);
        _driver.SetUsage("c1", new ContainerUsage(0.5, 256L << 20, CpuUsedSeconds: 100, MemoryUsedBytes: 90L << 20));
        var sampler = Sampler(store);

        var first = (await sampler.SampleAsync(T0, CancellationToken.None)).Single();
        _driver.SetUsage("c1", new ContainerUsage(0.5, 256L << 20, CpuUsedSeconds: 112.5, MemoryUsedBytes: 95L << 20));
        var second = (await sampler.SampleAsync(T0 + Minute, CancellationToken.None)).Single();

        // The first sight of a container started long ago only sets its baseline.
        Assert.Equal(0, first.CpuUsedSeconds);
        Assert.Equal(T0 - Minute, first.At);
        Assert.Equal(60, first.IntervalSeconds);
        Assert.Equal(12.5, second.CpuUsedSeconds, 9);
        Assert.Equal(T0, second.At);
        Assert.Equal(60, second.IntervalSeconds);
        Assert.True(second.Running);
        Assert.Equal(0.5, second.CpuReserved);
        Assert.Equal(256L << 20, second.MemoryReservedBytes);
        Assert.Equal(95L << 20, second.MemoryUsedBytes);
        Assert.Equal(("shop-pr-7", "acme/shop", "alice", "web"), (second.EnvironmentName, second.Repository, second.Author, second.Service));
        Assert.Equal(2, (await store.Usage.ListAsync("shop-pr-7", T0.AddHours(-1), T0.AddHours(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_container_created_during_the_interval_counts_all_its_cpu_and_a_restart_counts_from_zero()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "api", "c1", createdAt: T0 - TimeSpan.FromSeconds(20))]);
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 4, 1));
        var sampler = Sampler(store);

        var fresh = (await sampler.SampleAsync(T0, CancellationToken.None)).Single();
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 9, 1));
        var grown = (await sampler.SampleAsync(T0 + Minute, CancellationToken.None)).Single();
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 2, 1));
        var restarted = (await sampler.SampleAsync(T0 + 2 * Minute, CancellationToken.None)).Single();

        Assert.Equal(4, fresh.CpuUsedSeconds);
        Assert.Equal(5, grown.CpuUsedSeconds);
        Assert.Equal(2, restarted.CpuUsedSeconds);
    }

    [Fact]
    public async Task An_unlimited_container_reserves_what_it_uses()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "worker", "c1", createdAt: LongAgo)]);
        _driver.SetUsage("c1", new ContainerUsage(null, null, 10, 200L << 20));
        var sampler = Sampler(store);
        await sampler.SampleAsync(T0, CancellationToken.None);
        _driver.SetUsage("c1", new ContainerUsage(null, null, 40, 300L << 20));

        var sample = (await sampler.SampleAsync(T0 + Minute, CancellationToken.None)).Single();

        // 30 CPU-seconds in 60 s: half a core.
        Assert.Equal(0.5, sample.CpuReserved, 9);
        Assert.Equal(300L << 20, sample.MemoryReservedBytes);
    }

    [Fact]
    public async Task Containers_of_one_service_add_up_and_a_stopped_one_counts_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [
            Container("e", "web", "old", createdAt: LongAgo),
            Container("e", "web", "new", createdAt: LongAgo),
            Container("e", "web", "gone", running: false, createdAt: LongAgo),
        ]);
        _driver.SetUsage("old", new ContainerUsage(0.5, 100, 1, 10));
        _driver.SetUsage("new", new ContainerUsage(0.25, 50, 1, 20));

        var sample = (await Sampler(store).SampleAsync(T0, CancellationToken.None)).Single();

        Assert.Equal(0.75, sample.CpuReserved);
        Assert.Equal(150, sample.MemoryReservedBytes);
        Assert.Equal(30, sample.MemoryUsedBytes);
        Assert.DoesNotContain("usage gone", _driver.Calls);
    }

    [Fact]
    public async Task A_suspended_environment_gives_stopped_services_and_its_volumes()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "db", "c1", running: false), Container("e", "web", "c2", running: false)], "db-data", "uploads");
        _driver.SetVolumeSizes("e", new Dictionary<string, long> { ["db-data"] = 48_000_000, ["uploads"] = 2_000_000 });

        var samples = await Sampler(store).SampleAsync(T0, CancellationToken.None);

        Assert.Equal(["db", "web", UsageSampler.VolumesService], samples.Select(s => s.Service));
        Assert.All(samples, s => Assert.False(s.Running));
        Assert.All(samples, s => Assert.Equal(0, s.CpuReserved + s.MemoryReservedBytes + s.CpuUsedSeconds + s.MemoryUsedBytes));
        Assert.Equal(50_000_000, samples.Single(s => s.Service == UsageSampler.VolumesService).VolumeBytes);
        var totals = CostCalculator.Total(samples.Select(s => s.ToSample()), new PriceTable());
        Assert.Equal(0, totals.RunningHours);
        Assert.Equal(Math.Round(1m / 60, 12), Math.Round(totals.SuspendedHours, 12));
        Assert.True(totals.ReservedCost > 0, "volumes cost while suspended");
    }

    [Fact]
    public async Task The_volumes_of_a_running_environment_are_on_a_running_sample()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "db", "c1")], "db-data");
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 0, 1));
        _driver.SetVolumeSizes("e", new Dictionary<string, long> { ["db-data"] = 1000 });

        var volumes = (await Sampler(store).SampleAsync(T0, CancellationToken.None)).Single(s => s.Service == UsageSampler.VolumesService);

        Assert.True(volumes.Running);
        Assert.Equal(1000, volumes.VolumeBytes);
    }

    [Fact]
    public async Task Volume_sizes_that_cannot_be_read_keep_the_service_samples_and_the_last_size()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "db", "c1")], "db-data");
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 0, 1));
        _driver.SetVolumeSizes("e", new Dictionary<string, long> { ["db-data"] = 1000 });
        var sampler = Sampler(store);
        _driver.VolumeSizesFail = true;

        var never = await sampler.SampleAsync(T0, CancellationToken.None);
        _driver.VolumeSizesFail = false;
        await sampler.SampleAsync(T0 + Minute, CancellationToken.None);
        _driver.VolumeSizesFail = true;
        var last = await sampler.SampleAsync(T0 + 2 * Minute, CancellationToken.None);

        Assert.Equal(["db"], never.Select(s => s.Service));
        Assert.Equal(["db", UsageSampler.VolumesService], last.Select(s => s.Service));
        Assert.Equal(1000, last[1].VolumeBytes);
    }

    [Fact]
    public async Task An_environment_the_engine_cannot_read_is_skipped_and_the_others_are_sampled()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("a");
        await store.AddEnvironmentAsync("b");
        _driver.SetState("a", [Container("a", "web", "ca", createdAt: LongAgo)]);
        _driver.SetState("b", [Container("b", "web", "cb", createdAt: LongAgo)]);
        _driver.SetUsage("ca", new ContainerUsage(1, 1, 1, 1));
        _driver.SetUsage("cb", new ContainerUsage(1, 1, 1, 1));
        _driver.Break("a", "cannot list containers: the engine is busy");
        var sampler = Sampler(store);

        var broken = await sampler.SampleAsync(T0, CancellationToken.None);
        _driver.Break("a", null);
        var mended = await sampler.SampleAsync(T0 + Minute, CancellationToken.None);

        Assert.Equal(["b"], broken.Select(s => s.EnvironmentName));
        Assert.Equal(["a", "b"], mended.Select(s => s.EnvironmentName));
        Assert.Equal(["a", "b"], sampler.Readings.Environments.Select(e => e.Environment));
    }

    [Fact]
    public async Task An_environment_with_nothing_in_the_engine_gives_no_sample()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("queued");

        Assert.Empty(await Sampler(store).SampleAsync(T0, CancellationToken.None));
    }

    [Fact]
    public async Task A_long_gap_counts_two_intervals_at_most_and_a_repeated_moment_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        _driver.SetState("e", [Container("e", "web", "c1", createdAt: LongAgo)]);
        _driver.SetUsage("c1", new ContainerUsage(1, 1, 1, 1));
        var sampler = Sampler(store);
        await sampler.SampleAsync(T0, CancellationToken.None);

        var again = await sampler.SampleAsync(T0, CancellationToken.None);
        var late = (await sampler.SampleAsync(T0 + TimeSpan.FromHours(3), CancellationToken.None)).Single();

        Assert.Empty(again);
        Assert.Equal(120, late.IntervalSeconds);
        Assert.Equal(T0 + TimeSpan.FromHours(3) - 2 * Minute, late.At);
    }

    [Fact]
    public async Task Readings_show_the_last_pass_and_this_months_cost()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        // Last month's use does not count in this month's cost.
        await store.Usage.AddAsync([UsageRecord.From(new ResourceSample("e", null, null, "web", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), true, 1, 0, 0, 0, 0))], CancellationToken.None);
        // Earlier this month (before the server started): it counts.
        await store.Usage.AddAsync([UsageRecord.From(new ResourceSample("closed-pr", null, null, "web", T0.AddDays(-1), TimeSpan.FromHours(1), true, 1, 0, 0, 0, 0))], CancellationToken.None);
        _driver.SetState("e", [Container("e", "web", "c1", createdAt: LongAgo)], "data");
        _driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 0, 1));
        _driver.SetVolumeSizes("e", new Dictionary<string, long> { ["data"] = 5L << 20 });
        var sampler = Sampler(store);

        await sampler.SampleAsync(T0, CancellationToken.None);
        await sampler.SampleAsync(T0 + Minute, CancellationToken.None);

        var readings = sampler.Readings;
        Assert.Equal(T0 + Minute, readings.At);
        var e = readings.Environments.Single();
        Assert.Equal(("e", 5L << 20), (e.Environment, e.VolumeBytes));
        Assert.Equal(new ServiceReading("web", true, 1, 1L << 30), e.Services.Single());
        var prices = new PriceTable();
        var twoMinutes = 2m / 60 * (prices.VcpuHour + prices.GibHour) + 5m / 1024 * 2m / 60 / CostCalculator.HoursPerMonth * prices.VolumeGibMonth;
        Assert.Equal(Math.Round(twoMinutes, 10), Math.Round(readings.MonthCosts["e"], 10));
        Assert.Equal(prices.VcpuHour, Math.Round(readings.MonthCosts["closed-pr"], 10));
    }

    private UsageSampler Sampler(TestStore store) => new(
        store.Environments, store.Usage, _driver, new SkiffServerOptions { Home = store.Folder },
        new CostMeterOptions { Interval = Minute }, NullLogger<UsageSampler>.Instance);
}
