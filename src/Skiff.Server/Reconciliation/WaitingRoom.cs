using Skiff.Server.GitHub;
using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Environments that may not deploy now — the host is full, or their repository's budget refuses
/// new environments — wait here (phase Queued, with their reason and place); a slot freed by a
/// suspend or a removal gives every one of them another try, as does each lifecycle pass.
/// </summary>
public sealed class WaitingRoom(EnvironmentStore store, DeployAdmission admission, ReconcileQueue queue, EnvironmentFeedback feedback, ILogger<WaitingRoom> logger)
{
    /// <param name="deploymentId">The history row started for the attempt, dropped: the deploy did not happen.</param>
    public async Task WaitAsync(EnvironmentRecord record, long? deploymentId, string reason, PullRequestEnvironmentState state, string? note, CancellationToken cancellationToken)
    {
        if (deploymentId is { } started)
            await store.CancelDeploymentAsync(started, cancellationToken);
        await store.SetQueuedAsync(record.Name, reason, cancellationToken);
        var (position, waiting) = await admission.PositionAsync(record.Name, cancellationToken);
        if (record.QueuedReason != reason)
        {
            await store.AddEventAsync(record.Name, "queued", $"waiting (position {position} of {waiting}): {reason}", cancellationToken);
            logger.LogInformation("{Environment} waits at position {Position}: {Reason}", record.Name, position, reason);
        }
        feedback.Waiting(record, state, note,
            state == PullRequestEnvironmentState.Queued ? $"Waiting for room on the host: position {position} of {waiting} ({reason})." : null);
    }

    /// <summary>A slot was freed (suspend, removal): every waiting environment gets another try.</summary>
    public async Task SlotFreedAsync(CancellationToken cancellationToken)
    {
        foreach (var waiting in (await store.ListAsync(cancellationToken)).Where(r => r.Phase == Core.Environments.EnvironmentPhase.Queued))
            queue.Enqueue(waiting.Name);
    }

    /// <summary>Reconciles the environment once more after the pass under way (it was asked for again meanwhile).</summary>
    public void Again(string name) => queue.Enqueue(name);
}
