namespace Skiff.Server.Janitor;

/// <summary>
/// Runs a janitor pass every <see cref="JanitorOptions.Interval"/>, the first one interval after
/// start, dry or not as configured. A failed pass is logged and the next one runs on time.
/// </summary>
public sealed class JanitorService(IJanitor janitor, JanitorOptions options, TimeProvider time, ILogger<JanitorService> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Made here rather than in ExecuteAsync, so the schedule counts from the start itself.
        _timer = new PeriodicTimer(options.Interval, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("the janitor service was not started");
        logger.LogInformation("Janitor runs every {IntervalMinutes} min (dry run: {DryRun})", options.Interval.TotalMinutes, options.DryRun);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await RunOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await janitor.RunAsync(options.DryRun, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Janitor pass failed; the next one runs in {IntervalMinutes} min", options.Interval.TotalMinutes);
        }
    }
}
