using System.Collections.Immutable;
using Skiff.Core.Deploy;
using Skiff.Server.Serving;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Feeds a deploy's progress to the board, and switches routes to the new version when it is
/// ready: the board serves the new containers, and the switch returns once the router has let go
/// of the ones that left (the deployer removes them right after).
/// </summary>
internal sealed class BoardObserver(EnvironmentBoard board, IRouteDrain drain, string environment, string? publicService) : IDeployObserver
{
    public void ServiceChanged(ServiceSnapshot service) => board.ReportProgress(environment, service);

    public async ValueTask SwitchOverAsync(ImmutableArray<ServiceSnapshot> services, CancellationToken cancellationToken)
    {
        var before = board.Find(environment)?.Serving ?? [];
        board.SetServing(environment, publicService, services);
        var leaving = before.Where(old => old.ContainerId is { } id && services.All(s => s.ContainerId != id)).ToList();
        if (leaving.Count > 0)
            await drain.DrainAsync(environment, leaving, cancellationToken);
    }
}
