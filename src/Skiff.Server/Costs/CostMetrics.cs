using Prometheus;

namespace Skiff.Server.Costs;

/// <summary>
/// <c>/metrics</c> for Prometheus (prometheus-net): the cost meter's latest pass, per environment
/// and service, set from <see cref="UsageSampler.Readings"/> just before each scrape. A registry of
/// its own per server, so two servers in one process (tests) never share series.
/// </summary>
public sealed class CostMetrics
{
    private static readonly string[] ServiceLabels = ["environment", "service"];
    private static readonly string[] EnvironmentLabels = ["environment"];
    private static readonly string[] CostLabels = ["environment", "currency"];

    private readonly UsageSampler _sampler;
    private readonly Gauge _running;
    private readonly Gauge _cpuReserved;
    private readonly Gauge _memoryReserved;
    private readonly Gauge _volumeBytes;
    private readonly Gauge _cost;
    private readonly Gauge _lastPass;

    public CostMetrics(UsageSampler sampler)
    {
        _sampler = sampler;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _running = factory.CreateGauge("skiff_environment_running", "1 while the service has a running container, 0 when stopped or suspended.", ServiceLabels);
        _cpuReserved = factory.CreateGauge("skiff_environment_cpu_reserved_cores", "CPU cores reserved by the service (its limit, or what it uses when unlimited).", ServiceLabels);
        _memoryReserved = factory.CreateGauge("skiff_environment_memory_reserved_bytes", "Memory reserved by the service (its limit, or what it uses when unlimited).", ServiceLabels);
        _volumeBytes = factory.CreateGauge("skiff_environment_volume_bytes", "Size of the environment's volumes.", EnvironmentLabels);
        _cost = factory.CreateGauge("skiff_environment_cost_total", "Reserved cost of the environment so far this UTC month (starts again at 0 each month).", CostLabels);
        _lastPass = factory.CreateGauge("skiff_cost_meter_last_sample_timestamp_seconds", "When the cost meter last sampled (Unix time).");
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var readings = _sampler.Readings;
        var services = readings.Environments.SelectMany(e => e.Services.Select(s => (Labels: new[] { e.Environment, s.Service }, Service: s))).ToList();
        Replace(_running, services.Select(s => (s.Labels, s.Service.Running ? 1d : 0d)));
        Replace(_cpuReserved, services.Select(s => (s.Labels, s.Service.CpuReserved)));
        Replace(_memoryReserved, services.Select(s => (s.Labels, (double)s.Service.MemoryReservedBytes)));
        Replace(_volumeBytes, readings.Environments.Select(e => (new[] { e.Environment }, (double)e.VolumeBytes)));
        Replace(_cost, readings.MonthCosts.Select(c => (new[] { c.Key, readings.Currency }, (double)c.Value)));
        if (readings.At is { } at)
            _lastPass.Set(at.ToUnixTimeMilliseconds() / 1000d);
    }

    /// <summary>Sets the series given and drops the others (environments removed since the last scrape).</summary>
    private static void Replace(Gauge gauge, IEnumerable<(string[] Labels, double Value)> series)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in series)
        {
            gauge.WithLabels(labels).Set(value);
            keep.Add(Key(labels));
        }
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!keep.Contains(Key(labels)))
                gauge.RemoveLabelled(labels);
        }
    }

    private static string Key(string[] labels) => string.Join('\0', labels);
}
