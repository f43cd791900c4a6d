using System.Collections.Immutable;
using Skiff.Core.Deploy;

namespace Skiff.Server.Reconciliation;

/// <summary>Feeds a deploy's progress to the board, and switches routes to the new version when it is ready.</summary>
internal sealed class BoardObserver(EnvironmentBoard board, string environment, string? publicService) : IDeployObserver
{
    public void ServiceChanged(ServiceSnapshot service) => board.ReportProgress(environment, service);

    public ValueTask SwitchOverAsync(ImmutableArray<ServiceSnapshot> services, CancellationToken cancellationToken)
    {
        board.SetServing(environment, publicService, services);
        return ValueTask.CompletedTask;
    }
}
