using Skiff.Core.Budgets;
using Skiff.Core.Environments;
using Skiff.Server.Store;
using Skiff.Server.Configuration;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Whether an environment that is not running yet (new, waking, queued) may start now: the host's
/// capacity limits (running environments, reserved memory). Environments already serving are
/// updated without asking.
/// </summary>
public sealed class DeployAdmission(EnvironmentStore store, SkiffServerOptions options)
{
    /// <summary>Null when admitted; otherwise why it must wait.</summary>
    public async Task<string?> CheckAsync(EnvironmentRecord record, long requestedMemoryBytes, CancellationToken cancellationToken)
    {
        var limits = options.Capacity;
        if (limits.MaxRunning is null && limits.MaxReservedMemoryBytes is null)
            return null;
        var running = (await store.ListAsync(cancellationToken))
            .Where(r => r.Name != record.Name && r.Desired == DesiredState.Running
                && r.Phase is EnvironmentPhase.Ready or EnvironmentPhase.Deploying or EnvironmentPhase.Failed
                && r.LastDeployedAt is not null)
            .ToList();
        var admission = CapacityGate.Admit(limits, running.Count, running.Sum(r => r.ReservedMemoryBytes), requestedMemoryBytes);
        return admission.Admitted ? null : admission.Reason;
    }

    private const string BudgetPrefix = "budget: ";

    /// <summary>The queued reason of an environment its repository's budget keeps from deploying.</summary>
    public static string BudgetReason(string why) => BudgetPrefix + why;

    /// <summary>
    /// 1-based place among the environments waiting for room, by when they started waiting. Ones held
    /// back by a budget wait for money, not room, and take no place ahead of others.
    /// </summary>
    public async Task<(int Position, int Waiting)> PositionAsync(string environment, CancellationToken cancellationToken)
    {
        var waiting = (await store.ListAsync(cancellationToken))
            .Where(r => r.Phase == EnvironmentPhase.Queued && r.QueuedAt is not null
                && (r.Name == environment || r.QueuedReason?.StartsWith(BudgetPrefix, StringComparison.Ordinal) != true))
            .Select(r => (r.Name, r.QueuedAt!.Value))
            .ToList();
        return (QueueOrder.PositionOf(waiting, environment) ?? waiting.Count + 1, Math.Max(waiting.Count, 1));
    }
}
