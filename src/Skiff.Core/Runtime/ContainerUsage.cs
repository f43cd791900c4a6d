namespace Skiff.Core.Runtime;

/// <summary>A container's resources at one moment: what it may use (limits) and what it uses.</summary>
/// <param name="CpuLimit">CPUs it may use (NanoCpus / 10⁹); null when unlimited.</param>
/// <param name="MemoryLimitBytes">Its memory limit; null when unlimited.</param>
/// <param name="CpuUsedSeconds">Total CPU time used since it started, in CPU-seconds (a counter).</param>
/// <param name="MemoryUsedBytes">Memory in use now.</param>
public sealed record ContainerUsage(double? CpuLimit, long? MemoryLimitBytes, double CpuUsedSeconds, long MemoryUsedBytes);
