using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Skiff.Core.Costs;

namespace Skiff.Server.Store;

/// <summary>
/// One cost-meter sample: what one service of one environment held and used during one interval
/// starting at <see cref="At"/>. Rows outlive their environment (a closed PR's cost still counts
/// for the month), so nothing deletes them with it.
/// </summary>
public sealed class UsageRecord
{
    public long Id { get; set; }

    public required string EnvironmentName { get; set; }

    /// <summary>For a PR environment: <c>owner/name</c>; null otherwise.</summary>
    public string? Repository { get; set; }

    public string? Author { get; set; }

    /// <summary>The service, or <see cref="Costs.UsageSampler.VolumesService"/> for the environment's volumes.</summary>
    public required string Service { get; set; }

    /// <summary>When the interval started (stored as Unix milliseconds, so ranges compare as integers).</summary>
    public DateTimeOffset At { get; set; }

    public double IntervalSeconds { get; set; }

    public bool Running { get; set; }

    /// <summary>CPU cores reserved: the limit, or the cores actually used when unlimited.</summary>
    public double CpuReserved { get; set; }

    /// <summary>Memory reserved: the limit, or the memory in use when unlimited.</summary>
    public long MemoryReservedBytes { get; set; }

    /// <summary>CPU time used during the interval.</summary>
    public double CpuUsedSeconds { get; set; }

    /// <summary>Memory in use when sampled.</summary>
    public long MemoryUsedBytes { get; set; }

    public long VolumeBytes { get; set; }

    public ResourceSample ToSample() => new(EnvironmentName, Repository, Author, Service, At, TimeSpan.FromSeconds(IntervalSeconds),
        Running, CpuReserved, MemoryReservedBytes, CpuUsedSeconds, MemoryUsedBytes, VolumeBytes);

    public static UsageRecord From(ResourceSample sample) => new()
    {
        EnvironmentName = sample.Environment,
        Repository = sample.Repository,
        Author = sample.Author,
        Service = sample.Service,
        At = sample.At,
        IntervalSeconds = sample.Interval.TotalSeconds,
        Running = sample.Running,
        CpuReserved = sample.CpuReserved,
        MemoryReservedBytes = sample.MemoryReservedBytes,
        CpuUsedSeconds = sample.CpuUsedSeconds,
        MemoryUsedBytes = sample.MemoryUsedBytes,
        VolumeBytes = sample.VolumeBytes,
    };
}

/// <summary>The <c>Usage</c> table: indexed by time (every report is a time range) and by environment.</summary>
internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public const string Table = "Usage";

    public void Configure(EntityTypeBuilder<UsageRecord> entity)
    {
        entity.ToTable(Table);
        entity.HasKey(u => u.Id);
        entity.Property(u => u.At).HasConversion(at => at.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
        entity.HasIndex(u => u.At);
        entity.HasIndex(u => new { u.EnvironmentName, u.At });
    }
}
