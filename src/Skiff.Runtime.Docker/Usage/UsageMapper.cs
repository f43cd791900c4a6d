using Docker.DotNet.Models;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Usage;

/// <summary>
/// Reads a <see cref="ContainerUsage"/> from the engine's inspect and one-shot stats answers.
/// Limits come from inspect, never from the stats: <c>memory_stats.limit</c> is the host's RAM
/// when the container has no limit, which would look like a reservation nobody made.
/// </summary>
internal static class UsageMapper
{
    /// <summary>The CFS period the engines use when only a quota is given (100 ms).</summary>
    private const long DefaultCpuPeriod = 100_000;

    public static ContainerUsage? FromStats(HostConfig? host, ContainerStatsResponse? stats)
    {
        // Podman answers a stopped container with an empty body (no frame at all); Docker with a
        // frame whose read time is zero. Both mean "not running".
        if (stats?.CPUStats?.CPUUsage is not { } cpu || stats.Read == default)
            return null;
        return new ContainerUsage(
            CpuLimit(host),
            MemoryLimit(host),
            cpu.TotalUsage / 1e9,
            MemoryInUse(stats.MemoryStats));
    }

    /// <summary>CPUs the container may use: <c>NanoCpus</c> (<c>--cpus</c>), else a CFS quota over its period; null when unlimited.</summary>
    public static double? CpuLimit(HostConfig? host)
    {
        if (host is null)
            return null;
        if (host.NanoCPUs > 0)
            return host.NanoCPUs / 1e9;
        if (host.CPUQuota > 0)
            return (double)host.CPUQuota / (host.CPUPeriod > 0 ? host.CPUPeriod : DefaultCpuPeriod);
        return null;
    }

    public static long? MemoryLimit(HostConfig? host) => host is { Memory: > 0 } ? host.Memory : null;

    /// <summary>
    /// Memory in use the way <c>docker stats</c> counts it: usage less the inactive page cache
    /// (<c>inactive_file</c> on cgroup v2, <c>total_inactive_file</c> on v1), which the kernel
    /// reclaims first. Podman 4.3 sends no breakdown; its usage is taken as it is.
    /// </summary>
    public static long MemoryInUse(MemoryStats? memory)
    {
        if (memory?.Usage is not { } usage)
            return 0;
        var cache = 0UL;
        if (memory.Stats is { } breakdown
            && (breakdown.TryGetValue("inactive_file", out var inactive) || breakdown.TryGetValue("total_inactive_file", out inactive)))
        {
            cache = inactive;
        }
        return (long)(usage > cache ? usage - cache : 0);
    }
}
