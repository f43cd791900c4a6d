using Microsoft.EntityFrameworkCore;
using Skiff.Core.Environments;
using Skiff.Server.Store;

namespace Skiff.Server.Janitor;

/// <summary>The few store reads and writes only the janitor needs, each one short statement guarded against a change in between.</summary>
public sealed class JanitorStore(IDbContextFactory<SkiffDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<RunningDeployment>> ListRunningDeploymentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Deployments.AsNoTracking()
            .Where(d => d.Outcome == "Running")
            .Select(d => new { d.Id, d.EnvironmentName, d.StartedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RunningDeployment(r.Id, r.EnvironmentName, r.StartedAt))];
    }

    /// <summary>Marks one deploy row Interrupted if it is still Running; false when it finished meanwhile.</summary>
    public async Task<bool> MarkInterruptedAsync(long deploymentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Deployments.Where(d => d.Id == deploymentId && d.Outcome == "Running").ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Outcome, "Interrupted")
            .SetProperty(d => d.FinishedAt, now), cancellationToken);
        return changed > 0;
    }

    /// <summary>
    /// Records that the environment should be gone, as <see cref="EnvironmentStore.RequestAbsentAsync"/> does, but only if
    /// nothing changed it since <paramref name="generation"/> (a reopen that arrived meanwhile wins). False when it changed.
    /// </summary>
    public async Task<bool> RequestAbsentIfUnchangedAsync(string name, long generation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Environments
            .Where(e => e.Name == name && e.Generation == generation && e.Desired != nameof(DesiredState.Absent))
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Desired, nameof(DesiredState.Absent))
                .SetProperty(e => e.Phase, nameof(EnvironmentPhase.Deleting))
                .SetProperty(e => e.Generation, e => e.Generation + 1)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        return changed > 0;
    }
}
