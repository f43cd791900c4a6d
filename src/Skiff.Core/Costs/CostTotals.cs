namespace Skiff.Core.Costs;

/// <summary>
/// Resources held and used over some time, and what they cost. Money is unrounded; round only to
/// display. Hours are environment-hours: the services of one environment sampled at the same
/// moment count once.
/// </summary>
/// <param name="VcpuHoursReserved">CPU cores reserved × hours running.</param>
/// <param name="GibHoursReserved">GiB of memory reserved × hours running.</param>
/// <param name="VcpuHoursUsed">CPU time used, in CPU-hours.</param>
/// <param name="GibHoursUsed">GiB of memory used × hours running.</param>
/// <param name="VolumeGibMonths">GiB of volumes × months (of 730 hours), running or suspended.</param>
/// <param name="RunningHours">Environment-hours running.</param>
/// <param name="SuspendedHours">Environment-hours suspended.</param>
/// <param name="ReservedCost">What the reservations cost (what a provider billing by request charges).</param>
/// <param name="UsedCost">What the actual use would cost at the same prices.</param>
public sealed record CostTotals(
    decimal VcpuHoursReserved,
    decimal GibHoursReserved,
    decimal VcpuHoursUsed,
    decimal GibHoursUsed,
    decimal VolumeGibMonths,
    decimal RunningHours,
    decimal SuspendedHours,
    decimal ReservedCost,
    decimal UsedCost)
{
    public static CostTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static CostTotals operator +(CostTotals a, CostTotals b) => new(
        a.VcpuHoursReserved + b.VcpuHoursReserved,
        a.GibHoursReserved + b.GibHoursReserved,
        a.VcpuHoursUsed + b.VcpuHoursUsed,
        a.GibHoursUsed + b.GibHoursUsed,
        a.VolumeGibMonths + b.VolumeGibMonths,
        a.RunningHours + b.RunningHours,
        a.SuspendedHours + b.SuspendedHours,
        a.ReservedCost + b.ReservedCost,
        a.UsedCost + b.UsedCost);
}
