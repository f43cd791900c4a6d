namespace Skiff.Core.Costs;

/// <summary>
/// What one service of one environment held and used during one metering interval, which starts
/// at <paramref name="At"/> and lasts <paramref name="Interval"/>.
/// </summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="Repository">Its repository (<c>owner/name</c>); null for environments made with <c>skiff up</c>.</param>
/// <param name="Author">The PR author; null when not a PR environment.</param>
/// <param name="Service">The service's name.</param>
/// <param name="At">When the interval started.</param>
/// <param name="Interval">How long the sample stands for.</param>
/// <param name="Running">Whether the service was running (false when the environment was suspended).</param>
/// <param name="CpuReserved">CPU cores reserved for it (its limit).</param>
/// <param name="MemoryReservedBytes">Memory reserved for it (its limit).</param>
/// <param name="CpuUsedSeconds">CPU time it used during the interval, in CPU-seconds.</param>
/// <param name="MemoryUsedBytes">Memory it used (an average over the interval, or one reading).</param>
/// <param name="VolumeBytes">The size of the volumes it mounts; kept (and paid for) while suspended too.</param>
public sealed record ResourceSample(
    string Environment,
    string? Repository,
    string? Author,
    string Service,
    DateTimeOffset At,
    TimeSpan Interval,
    bool Running,
    double CpuReserved,
    long MemoryReservedBytes,
    double CpuUsedSeconds,
    long MemoryUsedBytes,
    long VolumeBytes);
