using Skiff.Core.Deploy;
using Skiff.Core.Runtime;
using Skiff.Server.Store;
using Skiff.Server.Serving;
using Skiff.Core.Environments;

namespace Skiff.Server.Reconciliation;

/// <summary>Puts an environment to sleep: its routes go (so the next request wakes it), its containers stop, its volumes stay.</summary>
public sealed class SuspendPass(EnvironmentBoard board, IEnvironmentRuntime runtime, EnvironmentStore store, WaitingRoom waiting, EnvironmentFeedback feedback, ILogger<SuspendPass> logger)
{
    public async Task RunAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        board.SetServing(record.Name, record.PublicService, []);
        var stopped = await runtime.SuspendAsync(record.Name, cancellationToken);
        var services = EnvironmentStore.ReadServices(record).Select(s => s with { Status = ServiceStatus.Stopped, Message = "suspended" }).ToList();
        await store.MarkSuspendedAsync(record.Name, record.Generation, services, cancellationToken);
        await store.AddEventAsync(record.Name, "suspend", $"suspended: {stopped} containers stopped, volumes kept", cancellationToken);
        logger.LogInformation("Suspended {Environment}", record.Name);
        await waiting.SlotFreedAsync(cancellationToken);
        feedback.Suspended(record);
    }
}
