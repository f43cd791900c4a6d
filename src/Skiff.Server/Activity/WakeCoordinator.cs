using Skiff.Core.Environments;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;

namespace Skiff.Server.Activity;

/// <summary>
/// Wakes a suspended environment on request: records "running" as its desired state, queues it,
/// and lets callers wait (bounded) until its public service serves again.
/// </summary>
public sealed class WakeCoordinator(EnvironmentStore store, ReconcileQueue queue, EnvironmentBoard board, ILogger<WakeCoordinator> logger)
{
    /// <summary>True when the environment serves within <paramref name="wait"/>; it goes on waking either way.</summary>
    public async Task<bool> WakeAsync(string environment, TimeSpan wait, CancellationToken cancellationToken)
    {
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (IsServing(environment))
                serving.TrySetResult();
        }
        board.ServingChanged += Check;
        try
        {
            var request = await store.RequestStateAsync(environment, DesiredState.Running, cancellationToken);
            if (request == StateRequest.Changed)
            {
                logger.LogInformation("Waking {Environment} for a request", environment);
                await store.AddEventAsync(environment, "woken", "woken by a request to its URL", cancellationToken);
            }
            if (request != StateRequest.Refused)
                queue.Enqueue(environment);
            Check();
            await serving.Task.WaitAsync(wait, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            board.ServingChanged -= Check;
        }
    }

    public bool IsServing(string environment) =>
        board.Find(environment) is { } view && view.Serving.Any(s => s.Name == view.PublicService && s.ContainerId is not null && !s.PublishedPorts.IsEmpty);
}
