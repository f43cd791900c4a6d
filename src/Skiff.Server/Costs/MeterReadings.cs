using System.Collections.Immutable;

namespace Skiff.Server.Costs;

/// <summary>One service as the last pass of the meter found it.</summary>
public sealed record ServiceReading(string Service, bool Running, double CpuReserved, long MemoryReservedBytes);

/// <summary>One stored environment as the last pass found it.</summary>
public sealed record EnvironmentReading(string Environment, ImmutableArray<ServiceReading> Services, long VolumeBytes);

/// <summary>
/// What <c>/metrics</c> shows: the meter's latest pass, replaced whole after every pass, and the
/// reserved cost so far this UTC month of every environment that had any (removed ones included).
/// </summary>
public sealed record MeterReadings(
    DateTimeOffset? At,
    string Currency,
    ImmutableArray<EnvironmentReading> Environments,
    ImmutableSortedDictionary<string, decimal> MonthCosts)
{
    public static MeterReadings Empty(string currency) => new(null, currency, [], ImmutableSortedDictionary<string, decimal>.Empty);
}
