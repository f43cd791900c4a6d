using Skiff.Server.Store;

namespace Skiff.Server.Activity;

/// <summary>Writes the router's last-request times to the store every few seconds (and once more at shutdown).</summary>
public sealed class ActivityFlusher(ActivityTracker tracker, EnvironmentStore store, TimeProvider time, ILogger<ActivityFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var touched = tracker.TakeUnsaved();
        try
        {
            await store.RecordActivityAsync(touched, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Could not record the last requests of {Count} environments: {Reason}", touched.Count, exception.Message);
        }
    }
}
