using Skiff.Core.Deploy;
using Skiff.Core.Runtime;
using Skiff.Server.Store;
using Skiff.Server.Serving;
using Skiff.Core.Environments;

namespace Skiff.Server.Reconciliation;

/// <summary>Runs the deployer for a loaded spec, feeding its progress to the board and switching routes (with the drain) when the new version is ready.</summary>
public sealed class DeployRunner(IEnvironmentRuntime runtime, EnvironmentBoard board, IRouteDrain drain, TimeProvider time)
{
    public async Task<DeployOutcome> RunAsync(EnvironmentRecord record, LoadedSpec loaded, DeployAttempt attempt, CancellationToken cancellationToken)
    {
        var knownReady = EnvironmentStore.ReadServices(record)
            .Where(s => s.ContainerId is not null && s.Status is ServiceStatus.Ready or ServiceStatus.Unchanged)
            .Select(s => s.ContainerId!)
            .ToHashSet(StringComparer.Ordinal);
        var request = new DeployRequest
        {
            Environment = record.Name,
            Spec = loaded.Spec,
            PublicService = loaded.PublicService,
            KnownReady = knownReady,
            SeedPending = record.SeededAt is null && loaded.Spec.Settings.Seed is not null,
            SourceElapsed = time.GetElapsedTime(attempt.Began),
        };
        var outcome = await runtime.DeployAsync(request, new BoardObserver(board, drain, record.Name, loaded.PublicService), cancellationToken);
        // On failure the board keeps serving what it served: the rollback left that version running.
        board.ClearProgress(record.Name);
        return outcome;
    }
}
