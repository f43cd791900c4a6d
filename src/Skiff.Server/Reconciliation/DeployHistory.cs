using Skiff.Core.Deploy;
using Skiff.Core.Environments;
using Skiff.Server.Store;
using Skiff.Server.Serving;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// What a deploy leaves behind: the environment's phase, its deploy row with phase timings, the
/// history events, the PR's feedback, and the checkouts nobody needs any more.
/// </summary>
public sealed class DeployHistory(EnvironmentStore store, EnvironmentBoard board, EnvironmentFeedback feedback, CheckoutJanitor checkouts, TimeProvider time)
{
    public async Task<DeployAttempt> StartAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        var began = time.GetTimestamp();
        await store.SetPhaseAsync(record.Name, EnvironmentPhase.Deploying, cancellationToken);
        var deploymentId = await store.StartDeploymentAsync(record.Name, record.Generation, cancellationToken);
        await store.AddEventAsync(record.Name, "deploy", $"deploying generation {record.Generation}{At(record)}", cancellationToken);
        board.ClearProgress(record.Name);
        feedback.Deploying(record);
        return new DeployAttempt(deploymentId, began);
    }

    /// <summary>The deploy stopped before touching anything (its source or spec failed); what serves keeps serving.</summary>
    public async Task FailBeforeDeployAsync(EnvironmentRecord record, DeployAttempt attempt, string message, IReadOnlyList<string> details, IReadOnlyList<string> warnings,
        CancellationToken cancellationToken)
    {
        var failure = new DeployFailure(null, message, [.. details]);
        var timings = DeployTimings.Zero with { Source = time.GetElapsedTime(attempt.Began) };
        await store.FinishDeploymentAsync(attempt.DeploymentId, new DeployResultRecord
        {
            Environment = record.Name,
            Generation = record.Generation,
            Timings = timings,
            Failure = failure,
            Services = StoredOrServing(record),
            Warnings = warnings,
            PublicService = record.PublicService,
        }, cancellationToken);
        await store.AddEventAsync(record.Name, "failure", $"deploy{At(record)} failed: {message}", cancellationToken);
        feedback.Failed(record, EnvironmentStore.ToDto(failure), EnvironmentStore.ToDto(timings));
    }

    public async Task FinishAsync(EnvironmentRecord record, DeployAttempt attempt, LoadedSpec loaded, DeployOutcome outcome, Core.Budgets.BudgetVerdict? budget,
        CancellationToken cancellationToken)
    {
        await store.FinishDeploymentAsync(attempt.DeploymentId, new DeployResultRecord
        {
            Environment = record.Name,
            Generation = record.Generation,
            Timings = outcome.Timings,
            Failure = outcome.Failure,
            Services = outcome.Services,
            Warnings = loaded.Warnings,
            ContainersChanged = outcome.ContainersChanged,
            Seeded = outcome.Seeded,
            PublicService = outcome.Succeeded ? loaded.PublicService : record.PublicService,
            AppTtl = loaded.Spec.Settings.Ttl?.ToString(),
            AppIdle = loaded.Spec.Settings.IdleSuspend?.ToString(),
            ReservedMemoryBytes = loaded.ReservedMemoryBytes,
        }, cancellationToken);

        var timings = EnvironmentStore.ToDto(outcome.Timings);
        if (!outcome.Succeeded)
        {
            await store.AddEventAsync(record.Name, "failure", $"deploy{At(record)} failed: {outcome.Failure}", cancellationToken);
            feedback.Failed(record, EnvironmentStore.ToDto(outcome.Failure!), timings);
            return;
        }
        var woke = record.Phase == EnvironmentPhase.Suspended || record.SuspendedAt is not null;
        await store.AddEventAsync(record.Name, woke ? "wake" : "deploy",
            woke ? $"woke in {timings.TotalMs} ms" : $"ready{At(record)} in {timings.TotalMs} ms ({outcome.ContainersChanged} containers changed)", cancellationToken);
        await feedback.ReadyAsync(record, loaded.PublicService is not null, timings, budget, cancellationToken);
        if (record.Repository is { } repository)
            await checkouts.PruneAsync(repository, cancellationToken);
    }

    private static string At(EnvironmentRecord record) => record.HeadSha is { } sha ? $" at {sha[..Math.Min(7, sha.Length)]}" : "";

    private IReadOnlyList<ServiceSnapshot> StoredOrServing(EnvironmentRecord record) =>
        board.Find(record.Name)?.Serving is { IsDefaultOrEmpty: false } serving ? serving : EnvironmentStore.ReadServices(record);
}
