using Skiff.Core.Environments;
using Skiff.Server.Reconciliation;
using Skiff.Server.Serving;

namespace Skiff.Server.Activity;

/// <summary>
/// Wakes a suspended environment on request: records "running" as its desired state, queues it,
/// and lets callers wait (bounded) until its public service serves again.
/// </summary>
public sealed class WakeCoordinator(Environments.DesiredStateWriter desired, ReconcileQueue queue, EnvironmentBoard board)
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
            // Already waking (desired Running, not yet serving): queued again, which collapses into the pass under way.
            var change = await desired.RequestAsync(environment, EnvironmentTrigger.Wake, Actor.Request, null, cancellationToken);
            if (change.Outcome == LifecycleOutcome.Unchanged)
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
        board.Find(environment) is { } view && view.Serving.Any(s => s.Name == view.PublicService && RouteTarget.AddressOf(s) is not null);
}
