namespace Skiff.Core.Api;

/// <summary>The answer of <c>GET /api/v1/cost</c> (and <c>skiff cost --json</c>).</summary>
/// <param name="By">env, repo or author: what <see cref="Rows"/> are keyed by.</param>
/// <param name="Rows">One per key, the most expensive (reserved) first.</param>
/// <param name="Total">All rows together, with key "total".</param>
public sealed record CostReportDto(
    string Currency,
    DateTimeOffset Since,
    DateTimeOffset Until,
    string By,
    PricesDto Prices,
    IReadOnlyList<CostRowDto> Rows,
    CostRowDto Total);

/// <summary>The prices a report was worked out with.</summary>
public sealed record PricesDto(decimal VcpuHour, decimal GibHour, decimal VolumeGibMonth, string Currency);

/// <summary>One group's usage and cost; quantities and money rounded to 6 decimals (round money to cents only to display).</summary>
public sealed record CostRowDto(
    string Key,
    decimal RunningHours,
    decimal SuspendedHours,
    decimal VcpuHoursReserved,
    decimal GibHoursReserved,
    decimal VcpuHoursUsed,
    decimal GibHoursUsed,
    decimal VolumeGibMonths,
    decimal ReservedCost,
    decimal UsedCost);
