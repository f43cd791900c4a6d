namespace Skiff.Server.Costs;

/// <summary>
/// The cost meter: samples every environment once per <see cref="CostMeterOptions.Interval"/>, the
/// first time one interval after start, on the injected <see cref="TimeProvider"/> (tests drive it
/// with a fake clock). A failed pass is logged and the next one runs as usual.
/// </summary>
public sealed class CostMeter(UsageSampler sampler, CostMeterOptions options, TimeProvider time, ILogger<CostMeter> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Interval < CostMeterOptions.MinimumInterval)
            throw new InvalidOperationException($"the cost meter interval must be at least {CostMeterOptions.MinimumInterval.TotalMilliseconds} ms, got {options.Interval}");
        // Made here, not in ExecuteAsync (which runs later on the thread pool), so the first tick is one interval from now.
        _timer = new PeriodicTimer(options.Interval, time);
        CostMeterLog.Started(logger, options.Interval.TotalSeconds);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _timer ?? throw new InvalidOperationException("the cost meter was not started");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PassAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sampler.SampleAsync(time.GetUtcNow(), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            CostMeterLog.PassFailed(logger, e);
        }
    }
}
