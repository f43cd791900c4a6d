namespace Skiff.Core.Costs;

/// <summary>
/// Turns resource samples into money. Reserved cost = vCPU-hours × <see cref="PriceTable.VcpuHour"/>
/// + GiB-hours × <see cref="PriceTable.GibHour"/> (while running) + volume GiB-months ×
/// <see cref="PriceTable.VolumeGibMonth"/> (all the time). Used cost prices the CPU time and memory
/// actually used the same way, with the same volumes.
/// </summary>
public static class CostCalculator
{
    public const decimal HoursPerMonth = 730m;

    private const decimal BytesPerGib = 1024m * 1024m * 1024m;

    /// <summary>The totals of <paramref name="samples"/>, priced with <paramref name="prices"/>.</summary>
    public static CostTotals Total(IEnumerable<ResourceSample> samples, PriceTable prices)
    {
        decimal vcpuReserved = 0, gibReserved = 0, vcpuUsed = 0, gibUsed = 0, volumeMonths = 0;
        var moments = new Dictionary<(string Environment, DateTimeOffset At), (decimal Hours, bool Running)>();
        foreach (var sample in samples)
        {
            var hours = Hours(sample.Interval);
            if (sample.Running)
            {
                vcpuReserved += (decimal)sample.CpuReserved * hours;
                gibReserved += Gib(sample.MemoryReservedBytes) * hours;
                gibUsed += Gib(sample.MemoryUsedBytes) * hours;
            }
            vcpuUsed += (decimal)sample.CpuUsedSeconds / 3600m;
            volumeMonths += Gib(sample.VolumeBytes) * hours / HoursPerMonth;

            var key = (sample.Environment, sample.At);
            moments[key] = moments.TryGetValue(key, out var seen)
                ? (Math.Max(seen.Hours, hours), seen.Running || sample.Running)
                : (hours, sample.Running);
        }

        var running = moments.Values.Where(m => m.Running).Sum(m => m.Hours);
        var suspended = moments.Values.Where(m => !m.Running).Sum(m => m.Hours);
        return Price(new CostTotals(vcpuReserved, gibReserved, vcpuUsed, gibUsed, volumeMonths, running, suspended, 0, 0), prices);
    }

    /// <summary>The same quantities with the costs worked out again with <paramref name="prices"/>.</summary>
    public static CostTotals Price(CostTotals totals, PriceTable prices)
    {
        var volume = totals.VolumeGibMonths * prices.VolumeGibMonth;
        return totals with
        {
            ReservedCost = totals.VcpuHoursReserved * prices.VcpuHour + totals.GibHoursReserved * prices.GibHour + volume,
            UsedCost = totals.VcpuHoursUsed * prices.VcpuHour + totals.GibHoursUsed * prices.GibHour + volume,
        };
    }

    /// <summary>Hours in <paramref name="span"/>, as a decimal.</summary>
    public static decimal Hours(TimeSpan span) => (decimal)span.Ticks / TimeSpan.TicksPerHour;

    /// <summary>GiB in <paramref name="bytes"/> (exact for whole MiB).</summary>
    public static decimal Gib(long bytes) => bytes / BytesPerGib;
}
