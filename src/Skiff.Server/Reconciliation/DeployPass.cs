using Skiff.Server.Store;
using Skiff.Server.Serving;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Brings an environment that should run to its recorded source: the budget first, then the
/// source and spec, the host's room, the deploy itself (a no-op when nothing changed), and what
/// it leaves behind.
/// </summary>
public sealed class DeployPass(EnvironmentBoard board, DeployGate gate, SpecSource specs, DeployRunner runner, DeployHistory history)
{
    public async Task RunAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        var serving = board.Find(record.Name)?.Serving is { IsDefaultOrEmpty: false };
        var (budget, refused) = await gate.BudgetAsync(record, serving, cancellationToken);
        if (refused)
            return;
        var attempt = await history.StartAsync(record, cancellationToken);
        if (await specs.LoadAsync(record, attempt, cancellationToken) is not { } loaded
            || await gate.NoRoomAsync(record, attempt, loaded, serving, cancellationToken))
            return;
        var outcome = await runner.RunAsync(record, loaded, attempt, cancellationToken);
        await history.FinishAsync(record, attempt, loaded, outcome, budget, cancellationToken);
    }
}
