using Microsoft.EntityFrameworkCore;
using Skiff.Core.Costs;
using Skiff.Server.Store;
using Skiff.Server.Tests.Store;

namespace Skiff.Server.Tests.Costs;

public sealed class UsageStoreTests
{
    private static readonly DateTimeOffset T0 = TestStore.Start;

    [Fact]
    public async Task Totals_in_sql_agree_with_the_core_calculator_for_every_grouping()
    {
        await using var store = await TestStore.CreateAsync();
        var samples = Trace();
        await store.Usage.AddAsync([.. samples.Select(UsageRecord.From)], CancellationToken.None);

        foreach (var grouping in Enum.GetValues<UsageGrouping>())
        {
            var sql = await store.Usage.TotalsAsync(grouping, T0, T0.AddDays(1), null, CancellationToken.None);
            var core = CostGrouping.By(samples, grouping switch
            {
                UsageGrouping.Environment => s => s.Environment,
                UsageGrouping.Repository => s => s.Repository,
                _ => s => s.Author,
            }, PriceTable.Spot);

            Assert.Equal(core.Keys, sql.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, expected) in core)
            {
                var actual = CostCalculator.Price(sql[key], PriceTable.Spot);
                Close(expected.VcpuHoursReserved, actual.VcpuHoursReserved);
                Close(expected.GibHoursReserved, actual.GibHoursReserved);
                Close(expected.VcpuHoursUsed, actual.VcpuHoursUsed);
                Close(expected.GibHoursUsed, actual.GibHoursUsed);
                Close(expected.VolumeGibMonths, actual.VolumeGibMonths);
                Close(expected.RunningHours, actual.RunningHours);
                Close(expected.SuspendedHours, actual.SuspendedHours);
                Close(expected.ReservedCost, actual.ReservedCost);
                Close(expected.UsedCost, actual.UsedCost);
            }
        }
    }

    [Fact]
    public async Task Totals_take_the_samples_that_start_in_the_range_and_of_one_environment_when_asked()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Usage.AddAsync([.. Trace().Select(UsageRecord.From)], CancellationToken.None);

        var late = await store.Usage.TotalsAsync(UsageGrouping.Environment, T0.AddMinutes(30), T0.AddDays(1), null, CancellationToken.None);
        var one = await store.Usage.TotalsAsync(UsageGrouping.Author, T0, T0.AddDays(1), "shop-pr-1", CancellationToken.None);
        var none = await store.Usage.TotalsAsync(UsageGrouping.Environment, T0.AddDays(1), T0.AddDays(2), null, CancellationToken.None);

        // shop-pr-1 samples every minute for an hour; from minute 30 on, half of them remain.
        Assert.Equal(0.5m, Math.Round(late["shop-pr-1"].RunningHours, 9));
        Assert.Equal(["alice"], one.Keys);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Usage_outlives_the_environment()
    {
        await using var store = await TestStore.CreateAsync();
        await store.AddEnvironmentAsync("shop-pr-1", "acme/shop", "alice");
        await store.Usage.AddAsync([.. Trace().Select(UsageRecord.From)], CancellationToken.None);
        var before = await store.Usage.ListAsync("shop-pr-1", T0, T0.AddDays(1), CancellationToken.None);

        await store.Environments.DeleteAsync("shop-pr-1", (await store.Environments.FindAsync("shop-pr-1", CancellationToken.None))!.Generation, CancellationToken.None);

        Assert.Null(await store.Environments.FindAsync("shop-pr-1", CancellationToken.None));
        var after = await store.Usage.ListAsync("shop-pr-1", T0, T0.AddDays(1), CancellationToken.None);
        Assert.Equal(before.Count, after.Count);
        Assert.NotEmpty(after);
    }

    [Fact]
    public async Task A_sample_reads_back_as_it_was_written()
    {
        await using var store = await TestStore.CreateAsync();
        var sample = new ResourceSample("e", "acme/shop", "bob", "web", T0.AddMilliseconds(123), TimeSpan.FromSeconds(59.5), true, 0.25, 64L << 20, 1.5, 10L << 20, 0);

        await store.Usage.AddAsync([UsageRecord.From(sample)], CancellationToken.None);

        Assert.Equal(sample, (await store.Usage.ListAsync("e", T0, T0.AddMinutes(1), CancellationToken.None)).Single().ToSample());
    }

    /// <summary>
    /// An hour of one-minute samples: a PR environment with two services and a volume, and a folder
    /// environment that runs for 20 minutes, then sleeps with its volume.
    /// </summary>
    private static List<ResourceSample> Trace()
    {
        var samples = new List<ResourceSample>();
        var minute = TimeSpan.FromMinutes(1);
        for (var i = 0; i < 60; i++)
        {
            var at = T0.AddMinutes(i);
            samples.Add(new("shop-pr-1", "acme/shop", "alice", "web", at, minute, true, 0.5, 256L << 20, 3.25 + i % 7, (90L << 20) + i, 0));
            samples.Add(new("shop-pr-1", "acme/shop", "alice", "db", at, minute, true, 1, 1L << 30, 0.75, 300L << 20, 0));
            samples.Add(new("shop-pr-1", "acme/shop", "alice", "(volumes)", at, minute, true, 0, 0, 0, 0, 48_071_451));
            var awake = i < 20;
            samples.Add(new("demo", null, null, "app", at, minute, awake, awake ? 2 : 0, awake ? 512L << 20 : 0, awake ? 30 : 0, awake ? 100L << 20 : 0, 0));
            samples.Add(new("demo", null, null, "(volumes)", at, minute, awake, 0, 0, 0, 0, 5L << 20));
        }
        return samples;
    }

    private static void Close(decimal expected, decimal actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9m + Math.Abs(expected) * 1e-12m, $"expected {expected}, got {actual}");
}
