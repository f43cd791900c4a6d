namespace Skiff.Server.Lifecycle;

/// <summary>Runs a <see cref="LifecyclePass"/> every <see cref="Interval"/> on the injected clock.</summary>
public sealed class LifecycleEnforcer(LifecyclePass pass, TimeProvider time, ILogger<LifecycleEnforcer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await pass.RunAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Lifecycle pass failed; the next one runs in {Seconds} s", Interval.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
