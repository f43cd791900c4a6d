using Skiff.Core.Costs;

namespace Skiff.Core.Tests.Costs;

public class CostCalculatorTests
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * MiB;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PriceTable OnDemand = new();

    private static ResourceSample Sample(string service = "web", TimeSpan? interval = null, bool running = true, double cpu = 2,
        long memory = GiB, double cpuUsed = 0, long memoryUsed = 0, long volume = 0, DateTimeOffset? at = null, string environment = "shop-pr-7") =>
        new(environment, "acme/shop", "alice", service, at ?? Start, interval ?? TimeSpan.FromHours(1), running, cpu, memory, cpuUsed, memoryUsed, volume);

    [Fact]
    public void One_running_hour_costs_its_reservation_and_its_use()
    {
        var totals = CostCalculator.Total([Sample(cpuUsed: 360, memoryUsed: 512 * MiB)], OnDemand);

        // reserved: 2 vCPU × 1 h × 0.04048 + 1 GiB × 1 h × 0.004445 = 0.08096 + 0.004445 = 0.085405
        // used:     360 CPU-s / 3600 = 0.1 vCPU-h × 0.04048 = 0.004048; 0.5 GiB × 1 h × 0.004445 = 0.0022225; sum 0.0062705
        Assert.Equal(new CostTotals(
            VcpuHoursReserved: 2m, GibHoursReserved: 1m, VcpuHoursUsed: 0.1m, GibHoursUsed: 0.5m, VolumeGibMonths: 0m,
            RunningHours: 1m, SuspendedHours: 0m, ReservedCost: 0.085405m, UsedCost: 0.0062705m), totals);
    }

    [Fact]
    public void Suspended_time_costs_only_the_volume()
    {
        var totals = CostCalculator.Total([Sample(interval: TimeSpan.FromHours(73), running: false, volume: 10 * GiB)], OnDemand);

        // 10 GiB × 73 h / 730 h per month = 1 GiB-month × 0.08 = 0.08, reserved and used alike; no CPU or memory.
        Assert.Equal(new CostTotals(0m, 0m, 0m, 0m, 1m, 0m, 73m, 0.08m, 0.08m), totals);
    }

    [Fact]
    public void The_volume_is_paid_for_while_running_too()
    {
        var totals = CostCalculator.Total([Sample(interval: TimeSpan.FromMinutes(438), volume: 100 * GiB)], OnDemand);

        // CPU and memory: 2 × 7.3 × 0.04048 + 1 × 7.3 × 0.004445 = 0.591008 + 0.0324485 = 0.6234565
        // volume: 100 GiB × 7.3 h / 730 = 1 GiB-month × 0.08 = 0.08; reserved 0.7034565, used (nothing used) 0.08
        Assert.Equal(1m, totals.VolumeGibMonths);
        Assert.Equal(0.7034565m, totals.ReservedCost);
        Assert.Equal(0.08m, totals.UsedCost);
    }

    [Fact]
    public void Services_sampled_together_count_their_hours_once_and_their_resources_each()
    {
        var at = Start.AddMinutes(30);
        var half = TimeSpan.FromMinutes(30);
        ResourceSample[] samples =
        [
            Sample("web", half, cpu: 0.5, memory: 256 * MiB, at: at),
            Sample("api", half, cpu: 0.5, memory: 256 * MiB, at: at),
            Sample("db", half, cpu: 1, memory: 512 * MiB, at: at, volume: 100 * MiB),
            Sample("web", half, running: false, at: Start.AddHours(1)),
        ];

        var totals = CostCalculator.Total(samples, OnDemand);

        // running: 0.5 h (once, not three times); suspended: 0.5 h
        // vCPU-h: (0.5 + 0.5 + 1) × 0.5 = 1; GiB-h: (0.25 + 0.25 + 0.5) × 0.5 = 0.5
        // volume: 100/1024 GiB = 0.09765625 × 0.5 h / 730 = 0.048828125 / 730
        // reserved: 1 × 0.04048 + 0.5 × 0.004445 = 0.04048 + 0.0022225 = 0.0427025, plus the volume
        Assert.Equal(0.5m, totals.RunningHours);
        Assert.Equal(0.5m, totals.SuspendedHours);
        Assert.Equal(1m, totals.VcpuHoursReserved);
        Assert.Equal(0.5m, totals.GibHoursReserved);
        Assert.Equal(0.048828125m / 730m, totals.VolumeGibMonths);
        Assert.Equal(0.0427025m + 0.048828125m / 730m * 0.08m, totals.ReservedCost);
    }

    [Fact]
    public void Spot_prices_the_same_hour_lower()
    {
        var totals = CostCalculator.Total([Sample()], PriceTable.Spot);

        // 2 × 0.01334058 + 1 × 0.00146489 = 0.02668116 + 0.00146489 = 0.02814605
        Assert.Equal(0.02814605m, totals.ReservedCost);
    }

    [Fact]
    public void Aggregated_totals_can_be_priced_again()
    {
        var day = new CostTotals(48m, 24m, 1m, 2m, 0.5m, 24m, 0m, 0m, 0m);

        var priced = CostCalculator.Price(day, OnDemand);

        // reserved: 48 × 0.04048 + 24 × 0.004445 + 0.5 × 0.08 = 1.94304 + 0.10668 + 0.04 = 2.08972
        // used:      1 × 0.04048 +  2 × 0.004445 + 0.04       = 0.04048 + 0.00889 + 0.04 = 0.08937
        Assert.Equal(2.08972m, priced.ReservedCost);
        Assert.Equal(0.08937m, priced.UsedCost);
        Assert.Equal(day with { ReservedCost = 2.08972m, UsedCost = 0.08937m }, priced);
    }

    [Fact]
    public void Totals_add_field_by_field()
    {
        var a = new CostTotals(1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m);
        var b = new CostTotals(0.1m, 0.2m, 0.3m, 0.4m, 0.5m, 0.6m, 0.7m, 0.8m, 0.9m);

        Assert.Equal(new CostTotals(1.1m, 2.2m, 3.3m, 4.4m, 5.5m, 6.6m, 7.7m, 8.8m, 9.9m), a + b);
        Assert.Equal(a, a + CostTotals.Zero);
    }

    [Fact]
    public void No_samples_cost_nothing() => Assert.Equal(CostTotals.Zero, CostCalculator.Total([], OnDemand));

    [Fact]
    public void Sixty_one_minute_samples_make_one_hour()
    {
        var samples = Enumerable.Range(0, 60).Select(i => Sample(interval: TimeSpan.FromMinutes(1), at: Start.AddMinutes(i)));

        var totals = CostCalculator.Total(samples, OnDemand);

        // 60 × 1/60 h: exact to 20 places (decimal carries 28 digits); the money rounds to 0.085405.
        Assert.Equal(1m, Math.Round(totals.RunningHours, 20));
        Assert.Equal(0.085405m, Math.Round(totals.ReservedCost, 6));
    }
}
