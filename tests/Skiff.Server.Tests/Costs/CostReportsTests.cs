using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Costs;
using Skiff.Server.Costs;
using Skiff.Server.Store;
using Skiff.Server.Tests.Store;
using Skiff.Server.Configuration;

namespace Skiff.Server.Tests.Costs;

public sealed class CostReportsTests
{
    private static readonly DateTimeOffset T0 = TestStore.Start;

    [Fact]
    public async Task One_vcpu_and_two_gib_for_an_hour_costs_what_the_price_table_says()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Usage.AddAsync([.. Hour("shop-pr-1", "acme/shop", "alice", cpu: 1, memory: 2L << 30)], CancellationToken.None);
        var reports = Reports(store, new PriceTable(), T0.AddHours(2));

        var cost = await reports.ReservedCostAsync(UsageGrouping.Environment, "shop-pr-1", T0, CancellationToken.None);

        // 1 × 0.04048 + 2 × 0.004445 per hour (Fargate on-demand, us-east-1).
        Assert.Equal(0.04937m, Math.Round(cost, 9));
        Assert.Equal(0m, await reports.ReservedCostAsync(UsageGrouping.Environment, "no-such-env", T0, CancellationToken.None));
        Assert.Equal(0m, await reports.ReservedCostAsync(UsageGrouping.Environment, "shop-pr-1", T0.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_report_has_one_row_per_key_most_expensive_first_and_a_total()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Usage.AddAsync([
            .. Hour("shop-pr-1", "acme/shop", "alice", cpu: 1, memory: 1L << 30),
            .. Hour("shop-pr-2", "acme/shop", "bob", cpu: 2, memory: 1L << 30),
            .. Hour("demo", null, null, cpu: 0.25, memory: 0),
        ], CancellationToken.None);
        var reports = Reports(store, PriceTable.Spot, T0.AddHours(2));

        var byRepo = await reports.ReportAsync(new CostQuery(UsageGrouping.Repository, T0), CancellationToken.None);
        var byEnv = await reports.ReportAsync(new CostQuery(UsageGrouping.Environment, T0), CancellationToken.None);

        Assert.Equal(["acme/shop", CostGrouping.None], byRepo.Rows.Select(r => r.Key));
        Assert.Equal(["shop-pr-2", "shop-pr-1", "demo"], byEnv.Rows.Select(r => r.Key));
        Assert.Equal("repo", byRepo.By);
        Assert.Equal(("USD", T0, T0.AddHours(2)), (byEnv.Currency, byEnv.Since, byEnv.Until));
        Assert.Equal(PriceTable.Spot.VcpuHour, byEnv.Prices.VcpuHour);
        Assert.Equal("total", byEnv.Total.Key);
        Assert.Equal(3m, byEnv.Total.RunningHours);
        Assert.Equal(3.25m, byEnv.Total.VcpuHoursReserved);
        var expected = 3.25m * PriceTable.Spot.VcpuHour + 2m * PriceTable.Spot.GibHour;
        Assert.Equal(Math.Round(expected, 6), byEnv.Total.ReservedCost);
        Assert.Equal(byEnv.Total.ReservedCost, byRepo.Total.ReservedCost);
    }

    /// <summary>Sixty one-minute samples of one running service.</summary>
    private static IEnumerable<UsageRecord> Hour(string environment, string? repository, string? author, double cpu, long memory) =>
        Enumerable.Range(0, 60).Select(i => UsageRecord.From(new ResourceSample(environment, repository, author, "web", T0.AddMinutes(i),
            TimeSpan.FromMinutes(1), true, cpu, memory, cpu * 30, memory / 2, 0)));

    private static CostReports Reports(TestStore store, PriceTable prices, DateTimeOffset now) =>
        new(store.Usage, new SkiffServerOptions { Home = store.Folder, Prices = prices }, new FakeTimeProvider(now));
}
