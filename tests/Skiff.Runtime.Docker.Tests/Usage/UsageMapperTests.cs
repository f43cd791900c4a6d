using Docker.DotNet.Models;
using Skiff.Runtime.Docker.Usage;

namespace Skiff.Runtime.Docker.Tests.Usage;

public sealed class UsageMapperTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cpu_counter_is_converted_from_nanoseconds_and_limits_come_from_the_host_config()
    {
        var usage = UsageMapper.FromStats(
            new HostConfig { NanoCPUs = 500_000_000, Memory = 64L << 20 },
            Stats(totalNs: 2_500_000_000, usage: 1_000_000, limit: 67_108_864));

        Assert.NotNull(usage);
        Assert.Equal(2.5, usage.CpuUsedSeconds, 6);
        Assert.Equal(0.5, usage.CpuLimit);
        Assert.Equal(64L << 20, usage.MemoryLimitBytes);
        Assert.Equal(1_000_000, usage.MemoryUsedBytes);
    }

    [Fact]
    public void Unlimited_is_null_not_the_host_memory_the_stats_report()
    {
        var usage = UsageMapper.FromStats(new HostConfig(), Stats(totalNs: 1, usage: 10, limit: 25_276_071_936));

        Assert.Null(usage!.CpuLimit);
        Assert.Null(usage.MemoryLimitBytes);
    }

    [Fact]
    public void A_cfs_quota_without_nano_cpus_is_a_limit_too()
    {
        Assert.Equal(1.5, UsageMapper.CpuLimit(new HostConfig { CPUQuota = 150_000, CPUPeriod = 100_000 }));
        Assert.Equal(0.25, UsageMapper.CpuLimit(new HostConfig { CPUQuota = 25_000 }));
        Assert.Null(UsageMapper.CpuLimit(null));
    }

    [Fact]
    public void Inactive_page_cache_is_not_memory_in_use()
    {
        Assert.Equal(700, UsageMapper.MemoryInUse(new MemoryStats { Usage = 1000, Stats = new Dictionary<string, ulong> { ["inactive_file"] = 300 } }));
        Assert.Equal(600, UsageMapper.MemoryInUse(new MemoryStats { Usage = 1000, Stats = new Dictionary<string, ulong> { ["total_inactive_file"] = 400 } }));
        Assert.Equal(0, UsageMapper.MemoryInUse(new MemoryStats { Usage = 100, Stats = new Dictionary<string, ulong> { ["inactive_file"] = 300 } }));
        Assert.Equal(0, UsageMapper.MemoryInUse(null));
    }

    [Fact]
    public void No_frame_or_a_zero_read_time_means_not_running()
    {
        Assert.Null(UsageMapper.FromStats(new HostConfig(), null));
        Assert.Null(UsageMapper.FromStats(new HostConfig(), new ContainerStatsResponse()));
        var dockerStopped = Stats(0, 0, 0);
        dockerStopped.Read = default;
        Assert.Null(UsageMapper.FromStats(new HostConfig(), dockerStopped));
    }

    private static ContainerStatsResponse Stats(ulong totalNs, ulong usage, ulong limit) => new()
    {
        Read = Now,
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = totalNs } },
        MemoryStats = new MemoryStats { Usage = usage, Limit = limit },
    };
}
