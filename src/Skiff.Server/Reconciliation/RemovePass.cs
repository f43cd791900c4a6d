using Skiff.Core.Runtime;
using Skiff.Server.Store;
using Skiff.Server.Serving;
using Skiff.Core.Environments;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Removes everything labelled with the environment, then its row and history — unless it was
/// asked for again meanwhile (a pull request reopened), which the next pass builds anew.
/// </summary>
public sealed class RemovePass(EnvironmentBoard board, IEnvironmentRuntime runtime, EnvironmentStore store, WaitingRoom waiting, EnvironmentFeedback feedback,
    CheckoutJanitor checkouts, ILogger<RemovePass> logger)
{
    public async Task RunAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        logger.LogInformation("Removing environment {Environment}", record.Name);
        board.Remove(record.Name);
        await runtime.RemoveAsync(record.Name, cancellationToken);
        if (!await store.DeleteAsync(record.Name, record.Generation, cancellationToken))
        {
            logger.LogInformation("{Environment} was asked for again while being removed; reconciling it again", record.Name);
            waiting.Again(record.Name);
            return;
        }
        feedback.Removed(record);
        await waiting.SlotFreedAsync(cancellationToken);
        if (record.Repository is { } repository)
            await checkouts.PruneAsync(repository, cancellationToken);
    }
}
