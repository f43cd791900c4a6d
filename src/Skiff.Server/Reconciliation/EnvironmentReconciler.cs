using Skiff.Core.Api;
using Skiff.Core.Environments;
using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Reconciles one environment: reads its desired state from the store and hands it to the pass
/// for that state — <see cref="DeployPass"/>, <see cref="SuspendPass"/> or <see cref="RemovePass"/>.
/// Level-triggered: running it twice changes nothing the second time, and a pass interrupted by a
/// crash is repaired by the next one. A failure that would only repeat holds the environment.
/// </summary>
public sealed class EnvironmentReconciler(
    EnvironmentStore store,
    DeployPass deploy,
    SuspendPass suspend,
    RemovePass remove,
    EnvironmentFeedback feedback,
    ILogger<EnvironmentReconciler> logger)
{
    public async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(name, cancellationToken);
        if (record is null)
            return;
        if (record.HeldGeneration == record.Generation)
        {
            logger.LogDebug("{Environment} is held at generation {Generation} until its desired state changes", name, record.Generation);
            return;
        }
        try
        {
            var pass = record.Desired switch
            {
                DesiredState.Absent => remove.RunAsync(record, cancellationToken),
                DesiredState.Suspended => suspend.RunAsync(record, cancellationToken),
                _ => deploy.RunAsync(record, cancellationToken),
            };
            await pass;
        }
        catch (Exception exception) when (!ReconcileFailures.MayPass(exception) && !cancellationToken.IsCancellationRequested)
        {
            await HoldAsync(record, exception, cancellationToken);
        }
    }

    /// <summary>
    /// A failure that would repeat on every try (the environment's own data, or a bug): recorded once
    /// as Failed with its reason, and not tried again until a trigger changes the desired state.
    /// </summary>
    private async Task HoldAsync(EnvironmentRecord record, Exception exception, CancellationToken cancellationToken)
    {
        var reason = exception is EnvironmentDataException ? exception.Message : $"unexpected {exception.GetType().Name}: {exception.Message}";
        if (exception is EnvironmentDataException)
            logger.LogWarning("Reconcile of {Environment} cannot succeed: {Reason}; held until its desired state changes", record.Name, reason);
        else
            logger.LogError(exception, "Reconcile of {Environment} failed; held until its desired state changes", record.Name);
        var message = $"{reason} (not tried again until the environment's desired state changes)";
        await store.HoldAsync(record.Name, record.Generation, message, cancellationToken);
        await store.AddEventAsync(record.Name, "failure", message, cancellationToken);
        feedback.Failed(record, new ErrorDto(null, message, []));
    }
}
