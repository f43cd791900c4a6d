using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Runs reconcilers: takes keys from the queue, one worker per key, up to the concurrency limit
/// across keys. At start-up it queues every stored environment, so a deploy that a crash
/// interrupted is finished (or repaired) by the next pass. Failures that may pass (engine down,
/// store errors, a fetch) are logged, recorded on the environment, and retried with backoff; the
/// reconciler itself holds an environment whose failure would only repeat (see <see cref="ReconcileFailures"/>).
/// </summary>
public sealed class ReconcilerService(
    ReconcileQueue queue,
    EnvironmentReconciler reconciler,
    EnvironmentStore store,
    Configuration.SkiffServerOptions options,
    TimeProvider time,
    ILogger<ReconcilerService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Lock _failuresGate = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunReconciler)
        {
            logger.LogWarning("The reconciler is off: desired state is recorded but nothing is deployed");
            return;
        }
        foreach (var record in await store.ListAsync(stoppingToken))
            queue.Enqueue(record.Name);

        using var slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentDeploys));
        var workers = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(stoppingToken);
                await slots.WaitAsync(stoppingToken);
                workers.RemoveAll(t => t.IsCompleted);
                workers.Add(Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(key, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                        queue.Complete(key);
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(workers);
    }

    private async Task RunAsync(string key, CancellationToken stoppingToken)
    {
        try
        {
            await reconciler.ReconcileAsync(key, stoppingToken);
            lock (_failuresGate)
                _failures.Remove(key);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Reconcile of {Environment} interrupted by shutdown; the next start finishes it", key);
        }
        catch (Exception exception)
        {
            int attempt;
            lock (_failuresGate)
                attempt = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempt - 1)));
            if (exception is RetryLaterException)
                logger.LogWarning("Reconcile of {Environment} failed (attempt {Attempt}): {Reason}; retrying in {DelaySeconds} s", key, attempt, exception.Message, delay.TotalSeconds);
            else
                logger.LogError(exception, "Reconcile of {Environment} failed (attempt {Attempt}); retrying in {DelaySeconds} s", key, attempt, delay.TotalSeconds);
            await TryRecordFailureAsync(key, $"{exception.Message} (retrying in {delay.TotalSeconds:0} s)", stoppingToken);
            _ = RequeueLaterAsync(key, delay, stoppingToken);
        }
    }

    private async Task TryRecordFailureAsync(string key, string message, CancellationToken stoppingToken)
    {
        try
        {
            await store.RecordFailureAsync(key, message, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Could not record the failure of {Environment}", key);
        }
    }

    private async Task RequeueLaterAsync(string key, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            queue.Enqueue(key);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
