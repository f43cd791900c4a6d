using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Core.Runtime;
using Skiff.Server.Costs;
using Skiff.Server.Tests.Store;
using Skiff.Server.Configuration;
using static Skiff.Server.Tests.Costs.FakeUsageRuntime;

namespace Skiff.Server.Tests.Costs;

public sealed class CostMeterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_meter_samples_once_per_interval_of_its_clock()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        var driver = new FakeUsageRuntime();
        driver.SetState("e", [Container("e", "web", "c1", createdAt: TestStore.Start.AddDays(-1))]);
        driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 10, 1));
        var options = new CostMeterOptions { Interval = Interval };
        var sampler = new UsageSampler(store.Environments, store.Usage, driver, new SkiffServerOptions { Home = store.Folder }, options, NullLogger<UsageSampler>.Instance);
        using var meter = new CostMeter(sampler, options, store.Time, NullLogger<CostMeter>.Instance);
        await meter.StartAsync(CancellationToken.None);
        try
        {
            store.Time.Advance(Interval - TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            Assert.Empty(await SamplesAsync(store));
            store.Time.Advance(TimeSpan.FromSeconds(1));

            await WaitForAsync(store, 1);
            driver.SetUsage("c1", new ContainerUsage(1, 1L << 30, 25, 1));
            store.Time.Advance(Interval);
            await WaitForAsync(store, 2);

            var samples = await SamplesAsync(store);
            Assert.Equal([TestStore.Start, TestStore.Start + Interval], samples.Select(s => s.At));
            Assert.Equal([0d, 15d], samples.Select(s => s.CpuUsedSeconds));
            Assert.All(samples, s => Assert.Equal(60, s.IntervalSeconds));
        }
        finally
        {
            await meter.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failing_pass_does_not_stop_the_meter()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("e");
        var driver = new FakeUsageRuntime();
        driver.SetState("e", [Container("e", "web", "c1", createdAt: TestStore.Start.AddDays(-1))]);
        driver.SetUsage("c1", new ContainerUsage(1, 1, 1, 1));
        var options = new CostMeterOptions { Interval = Interval };
        var sampler = new UsageSampler(store.Environments, store.Usage, driver, new SkiffServerOptions { Home = store.Folder }, options, NullLogger<UsageSampler>.Instance);
        using var meter = new CostMeter(sampler, options, store.Time, NullLogger<CostMeter>.Instance);
        driver.FailNextRead = new InvalidOperationException("unexpected");
        await meter.StartAsync(CancellationToken.None);
        try
        {
            store.Time.Advance(Interval);
            await WaitUntilAsync(() => driver.FailNextRead is null);
            store.Time.Advance(Interval);
            await WaitForAsync(store, 1);
            Assert.Equal(TestStore.Start + Interval, (await SamplesAsync(store)).Single().At);
        }
        finally
        {
            await meter.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Too_short_an_interval_is_refused()
    {
        await using var store = await TestStore.CreateAsync();
        var options = new CostMeterOptions { Interval = TimeSpan.FromMilliseconds(10) };
        var sampler = new UsageSampler(store.Environments, store.Usage, new FakeUsageRuntime(), new SkiffServerOptions { Home = store.Folder }, options, NullLogger<UsageSampler>.Instance);
        using var meter = new CostMeter(sampler, options, store.Time, NullLogger<CostMeter>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => meter.StartAsync(CancellationToken.None));

        Assert.Contains("at least 100 ms", error.Message);
    }

    private static async Task<IReadOnlyList<Skiff.Server.Store.UsageRecord>> SamplesAsync(TestStore store) =>
        await store.Usage.ListAsync(null, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForAsync(TestStore store, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await SamplesAsync(store)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no sample {count} within 10 s");
            await Task.Delay(20);
        }
    }
}
