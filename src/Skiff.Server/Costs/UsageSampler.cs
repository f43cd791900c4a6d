using System.Collections.Immutable;
using Skiff.Core.Runtime;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Core.Environments;

namespace Skiff.Server.Costs;

/// <summary>
/// One pass of the cost meter: for every stored environment, reads the engine and writes one
/// sample per service covering the time since the previous pass.
/// <list type="bullet">
/// <item>A running service reserves its containers' limits; an unlimited container reserves what it
/// actually uses (the CPU-seconds of the interval over its length, the memory in use), since nothing
/// more is held for it. Used CPU is the container's CPU-seconds counter less the previous reading.</item>
/// <item>A service whose containers are all stopped (suspended, exited) gives a sample with
/// <c>Running = false</c> and nothing reserved or used.</item>
/// <item>Volumes are not split across services (which service mounts which volume is in the spec,
/// not in the engine): their total size goes on one sample of the pseudo-service
/// <see cref="VolumesService"/>, running when any service runs. They cost the same either way.</item>
/// </list>
/// </summary>
public sealed class UsageSampler(
    EnvironmentStore environments,
    UsageStore usage,
    IEnvironmentRuntime runtime,
    SkiffServerOptions server,
    CostMeterOptions options,
    ILogger<UsageSampler> logger)
{
    /// <summary>The service name of the samples that carry an environment's volumes.</summary>
    public const string VolumesService = "(volumes)";

    private readonly CpuCounters _counters = new();
    private readonly Dictionary<string, long> _volumeBytes = new(StringComparer.Ordinal);
    private readonly MonthToDate _month = new(usage, server.Prices);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _previousPass;
    private MeterReadings _readings = MeterReadings.Empty(server.Prices.Currency);

    /// <summary>The latest pass (for <c>/metrics</c>).</summary>
    public MeterReadings Readings => Volatile.Read(ref _readings);

    /// <summary>Samples every environment at <paramref name="now"/> and stores the samples; returns them.</summary>
    public async Task<IReadOnlyList<UsageRecord>> SampleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var elapsed = Elapsed(now);
            if (elapsed <= TimeSpan.Zero)
                return [];
            var start = now - elapsed;
            var samples = new List<UsageRecord>();
            var readings = ImmutableArray.CreateBuilder<EnvironmentReading>();
            var records = await environments.ListAsync(cancellationToken);
            foreach (var gone in _volumeBytes.Keys.Except(records.Select(r => r.Name), StringComparer.Ordinal).ToList())
                _volumeBytes.Remove(gone);
            foreach (var record in records)
            {
                try
                {
                    var (environmentSamples, reading) = await SampleEnvironmentAsync(record, start, elapsed, cancellationToken);
                    samples.AddRange(environmentSamples);
                    readings.Add(reading);
                }
                catch (DriverException e)
                {
                    // No sample for it this time; the next pass counts from its last readings again.
                    CostMeterLog.EnvironmentUnreadable(logger, record.Name, e.Message);
                }
            }
            await usage.AddAsync(samples, cancellationToken);
            _counters.EndPass();
            _previousPass = now;
            var monthCosts = await _month.AddAsync([.. samples.Select(s => s.ToSample())], now, cancellationToken);
            Volatile.Write(ref _readings, new MeterReadings(now, server.Prices.Currency, readings.ToImmutable(), monthCosts));
            CostMeterLog.PassDone(logger, readings.Count, samples.Count, elapsed.TotalSeconds);
            return samples;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// How long this pass stands for: the time since the previous pass, at most two intervals (of a
    /// longer gap, a stall or a sleeping host, nothing is known); one interval for the first pass.
    /// </summary>
    private TimeSpan Elapsed(DateTimeOffset now)
    {
        if (_previousPass is not { } previous)
            return options.Interval;
        var elapsed = now - previous;
        return elapsed > 2 * options.Interval ? 2 * options.Interval : elapsed;
    }

    private async Task<(List<UsageRecord> Samples, EnvironmentReading Reading)> SampleEnvironmentAsync(
        EnvironmentRecord record, DateTimeOffset start, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var state = await runtime.ObserveAsync(record.Name, cancellationToken);
        var samples = new List<UsageRecord>();
        var services = ImmutableArray.CreateBuilder<ServiceReading>();
        foreach (var containers in state.Containers.Where(c => c.Service.Length > 0).GroupBy(c => c.Service, StringComparer.Ordinal))
        {
            var sample = NewSample(record, containers.Key, start, elapsed);
            foreach (var container in containers.Where(c => c.IsRunning))
            {
                // Null: it stopped between the state read and now.
                if (await runtime.GetUsageAsync(container.Id, cancellationToken) is not { } reading)
                    continue;
                var used = _counters.Advance(container.Id, reading.CpuUsedSeconds, startedInInterval: container.CreatedAt >= start);
                sample.Running = true;
                sample.CpuUsedSeconds += used;
                sample.MemoryUsedBytes += reading.MemoryUsedBytes;
                sample.CpuReserved += reading.CpuLimit ?? used / elapsed.TotalSeconds;
                sample.MemoryReservedBytes += reading.MemoryLimitBytes ?? reading.MemoryUsedBytes;
            }
            samples.Add(sample);
            services.Add(new ServiceReading(sample.Service, sample.Running, sample.CpuReserved, sample.MemoryReservedBytes));
        }

        long volumeBytes = 0;
        if (!state.Volumes.IsDefaultOrEmpty && await VolumeBytesAsync(record.Name, cancellationToken) is { } bytes)
        {
            volumeBytes = bytes;
            var volumes = NewSample(record, VolumesService, start, elapsed);
            volumes.Running = samples.Any(s => s.Running);
            volumes.VolumeBytes = volumeBytes;
            samples.Add(volumes);
        }
        return (samples, new EnvironmentReading(record.Name, services.ToImmutable(), volumeBytes));
    }

    /// <summary>
    /// The environment's volumes in bytes. <c>/system/df</c> fails now and then while other objects
    /// come and go on the engine; then the last size read stands in (volumes change slowly), and
    /// the services' samples are kept either way. Null when no size was ever read.
    /// </summary>
    private async Task<long?> VolumeBytesAsync(string environment, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = (await runtime.GetVolumeSizesAsync(environment, cancellationToken)).Values.Sum();
            _volumeBytes[environment] = bytes;
            return bytes;
        }
        catch (DriverException e)
        {
            CostMeterLog.VolumesUnreadable(logger, environment, e.Message);
            return _volumeBytes.TryGetValue(environment, out var last) ? last : null;
        }
    }

    private static UsageRecord NewSample(EnvironmentRecord record, string service, DateTimeOffset start, TimeSpan elapsed) => new()
    {
        EnvironmentName = record.Name,
        Repository = record.Repository,
        Author = record.Author,
        Service = service,
        At = start,
        IntervalSeconds = elapsed.TotalSeconds,
    };
}
