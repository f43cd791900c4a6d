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
            .Where(d => d.Outcome == DeploymentOutcome.Running)
            .Select(d => new { d.Id, d.EnvironmentName, d.StartedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RunningDeployment(r.Id, r.EnvironmentName, r.StartedAt))];
    }

    /// <summary>Marks one deploy row Interrupted if it is still Running; false when it finished meanwhile.</summary>
    public async Task<bool> MarkInterruptedAsync(long deploymentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Deployments.Where(d => d.Id == deploymentId && d.Outcome == DeploymentOutcome.Running).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Outcome, DeploymentOutcome.Interrupted)
            .SetProperty(d => d.FinishedAt, now), cancellationToken);
        return changed > 0;
    }
}
