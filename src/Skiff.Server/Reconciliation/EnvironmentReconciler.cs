using Skiff.Core.Api;
using Skiff.Core.Deploy;
using Skiff.Core.Environments;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;
using Skiff.Server.GitHub;
using Skiff.Server.PullRequests;
using Skiff.Server.Routing;
using Skiff.Server.Sources;
using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Reconciles one environment: reads its desired state from the store, and either deploys the
/// recorded source (a no-op when nothing changed) or removes everything labelled with it. Level-
/// triggered: running it twice changes nothing the second time, and a pass interrupted by a crash
/// is repaired by the next one. PR environments get their feedback on GitHub from here.
/// </summary>
public sealed class EnvironmentReconciler(
    EnvironmentStore store,
    EnvironmentBoard board,
    IRouteDrain drain,
    EnvironmentDeployer deployer,
    IEnvironmentDriver driver,
    SourceResolver sources,
    CheckoutJanitor checkouts,
    DeployAdmission admission,
    Budgets.BudgetGuard budgets,
    Costs.CostReports costs,
    Hosting.SkiffServerOptions options,
    ReconcileQueue queue,
    PullRequestFeedbackSink feedback,
    ServerUrls urls,
    TimeProvider time,
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
            if (record.Desired == DesiredState.Absent)
                await RemoveAsync(record, cancellationToken);
            else if (record.Desired == DesiredState.Suspended)
                await SuspendAsync(record, cancellationToken);
            else
                await DeployAsync(record, cancellationToken);
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
        feedback.Report(record, PullRequestEnvironmentState.Failed, error: new ErrorDto(null, message, []));
    }

    /// <summary>Stops every container (volumes stay) and takes the environment's routes away, so the next request wakes it.</summary>
    private async Task SuspendAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        board.SetServing(record.Name, record.PublicService, []);
        var state = await driver.GetStateAsync(record.Name, cancellationToken);
        await Task.WhenAll(state.Containers.Where(c => c.IsRunning).Select(c => driver.StopContainerAsync(c.Id, cancellationToken)));
        var services = EnvironmentStore.ReadServices(record).Select(s => s with { Status = ServiceStatus.Stopped, Message = "suspended" }).ToList();
        await store.MarkSuspendedAsync(record.Name, record.Generation, services, cancellationToken);
        await store.AddEventAsync(record.Name, "suspend", $"suspended: {state.Containers.Count(c => c.IsRunning)} containers stopped, volumes kept", cancellationToken);
        logger.LogInformation("Suspended {Environment}", record.Name);
        await WakeQueuedAsync(cancellationToken);
        feedback.Report(record, PullRequestEnvironmentState.Ready, urls.Current.PublicUrl(record.Name),
            details: ["Suspended (no requests for a while): it wakes when someone opens the URL."]);
    }

    private async Task RemoveAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        logger.LogInformation("Removing environment {Environment}", record.Name);
        board.Remove(record.Name);
        await driver.RemoveEnvironmentAsync(record.Name, cancellationToken);
        if (!await store.DeleteAsync(record.Name, record.Generation, cancellationToken))
        {
            // Asked for again while it went away (a pull request reopened): the next pass builds it anew.
            logger.LogInformation("{Environment} was asked for again while being removed; reconciling it again", record.Name);
            queue.Enqueue(record.Name);
            return;
        }
        feedback.Report(record, PullRequestEnvironmentState.Removed, note: record.RemovalReason);
        await WakeQueuedAsync(cancellationToken);
        if (record.Repository is { } repository)
            await checkouts.PruneAsync(repository, cancellationToken);
    }

    private async Task DeployAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        var serving = board.Find(record.Name)?.Serving is { IsDefaultOrEmpty: false };
        var repository = record.Repository is { } repositoryName ? options.FindRepository(repositoryName) : null;
        var budget = repository is null ? null : await budgets.EvaluateAsync(repository, record.Author, cancellationToken);
        // Decided before any work: a refused environment is tried again every lifecycle pass, and
        // must not fetch, load or flip its PR comment to "deploying" each time.
        if (!serving && budget is { State: Core.Budgets.BudgetState.Exceeded, Action: Core.Budgets.BudgetPolicy.Refuse })
        {
            await QueueAsync(record, null, DeployAdmission.BudgetReason(budget.Reason), PullRequestEnvironmentState.NotDeployed,
                $"not deployed: {budget.Reason}. New environments of this repository wait until next month or until its budget is raised.", cancellationToken);
            return;
        }

        var began = time.GetTimestamp();
        await store.SetPhaseAsync(record.Name, EnvironmentPhase.Deploying, cancellationToken);
        var deploymentId = await store.StartDeploymentAsync(record.Name, record.Generation, cancellationToken);
        await store.AddEventAsync(record.Name, "deploy", $"deploying generation {record.Generation}{At(record)}", cancellationToken);
        board.ClearProgress(record.Name);
        feedback.Report(record, PullRequestEnvironmentState.Deploying);

        string folder;
        try
        {
            folder = await sources.ResolveAsync(record, cancellationToken);
        }
        catch (GitSourceException exception)
        {
            // A fetch may fail for a passing reason (network, a ref GitHub has not updated yet): record it, retry with backoff.
            await FailBeforeDeployAsync(record, deploymentId, began, $"source: {exception.Message}", [], [], cancellationToken);
            throw new RetryLaterException($"source: {exception.Message}", exception);
        }

        var loaded = SpecLoader.Load(folder);
        var warnings = loaded.Warnings.Select(w => w.ToString()).ToList();
        if (!loaded.Succeeded)
        {
            var errors = loaded.Errors.Select(e => e.ToString()).ToList();
            var message = errors.Count switch
            {
                0 => "the spec could not be loaded",
                1 => errors[0],
                _ => $"{errors[0]} (and {errors.Count - 1} more)",
            };
            logger.LogWarning("Spec of {Environment} is invalid: {Error}", record.Name, message);
            await FailBeforeDeployAsync(record, deploymentId, began, message, errors, warnings, cancellationToken);
            return;
        }

        var spec = loaded.Spec!;
        var reservedMemory = Core.Planning.ResourceShares.Compute(spec).Values.Sum(l => l.MemoryBytes ?? 0);
        if (!serving && await admission.CheckAsync(record, reservedMemory, cancellationToken) is { } wait)
        {
            await QueueAsync(record, deploymentId, wait, PullRequestEnvironmentState.Queued, null, cancellationToken);
            return;
        }

        var publicService = spec.ResolvePublicService();
        var knownReady = EnvironmentStore.ReadServices(record)
            .Where(s => s.ContainerId is not null && s.Status is ServiceStatus.Ready or ServiceStatus.Unchanged)
            .Select(s => s.ContainerId!)
            .ToHashSet(StringComparer.Ordinal);
        var request = new DeployRequest
        {
            Environment = record.Name,
            Spec = spec,
            PublicService = publicService,
            KnownReady = knownReady,
            SeedPending = record.SeededAt is null && spec.Settings.Seed is not null,
            SourceElapsed = time.GetElapsedTime(began),
        };

        var outcome = await deployer.DeployAsync(request, new BoardObserver(board, drain, record.Name, publicService), cancellationToken);
        // On failure the board keeps serving what it served: the rollback left that version running.
        board.ClearProgress(record.Name);
        await store.FinishDeploymentAsync(deploymentId, new DeployResultRecord
        {
            Environment = record.Name,
            Generation = record.Generation,
            Timings = outcome.Timings,
            Failure = outcome.Failure,
            Services = outcome.Services,
            Warnings = warnings,
            ContainersChanged = outcome.ContainersChanged,
            Seeded = outcome.Seeded,
            PublicService = outcome.Succeeded ? publicService : record.PublicService,
            AppTtl = spec.Settings.Ttl?.ToString(),
            AppIdle = spec.Settings.IdleSuspend?.ToString(),
            ReservedMemoryBytes = reservedMemory,
        }, cancellationToken);

        var timings = EnvironmentStore.ToDto(outcome.Timings);
        if (outcome.Succeeded)
        {
            var url = publicService is null ? null : urls.Current.PublicUrl(record.Name);
            var woke = record.Phase == EnvironmentPhase.Suspended || record.SuspendedAt is not null;
            await store.AddEventAsync(record.Name, woke ? "wake" : "deploy",
                woke ? $"woke in {timings.TotalMs} ms" : $"ready{At(record)} in {timings.TotalMs} ms ({outcome.ContainersChanged} containers changed)", cancellationToken);
            feedback.Report(record, PullRequestEnvironmentState.Ready, url, timings, details: await CostLinesAsync(record, budget, cancellationToken));
            if (record.Repository is { } pruned)
                await checkouts.PruneAsync(pruned, cancellationToken);
        }
        else
        {
            await store.AddEventAsync(record.Name, "failure", $"deploy{At(record)} failed: {outcome.Failure}", cancellationToken);
            feedback.Report(record, PullRequestEnvironmentState.Failed, timings: timings, error: EnvironmentStore.ToDto(outcome.Failure!));
        }
    }

    /// <summary>
    /// Not now: the host is full, or the repository's budget refuses new environments. The environment
    /// waits (phase Queued); the lifecycle pass and every freed slot try again.
    /// </summary>
    private async Task QueueAsync(EnvironmentRecord record, long? deploymentId, string reason, PullRequestEnvironmentState state, string? note, CancellationToken cancellationToken)
    {
        if (deploymentId is { } started)
            await store.CancelDeploymentAsync(started, cancellationToken);
        await store.SetQueuedAsync(record.Name, reason, cancellationToken);
        var (position, waiting) = await admission.PositionAsync(record.Name, cancellationToken);
        if (record.QueuedReason != reason)
        {
            await store.AddEventAsync(record.Name, "queued", $"waiting (position {position} of {waiting}): {reason}", cancellationToken);
            logger.LogInformation("{Environment} waits at position {Position}: {Reason}", record.Name, position, reason);
        }
        feedback.Report(record, state, note: note,
            details: state == PullRequestEnvironmentState.Queued ? [$"Waiting for room on the host: position {position} of {waiting} ({reason})."] : null);
    }

    /// <summary>The PR comment's money lines: this environment's cost so far this month, and its repository's budget when near or over it.</summary>
    private async Task<IReadOnlyList<string>> CostLinesAsync(EnvironmentRecord record, Core.Budgets.BudgetVerdict? budget, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var month = Core.Budgets.MonthWindow.Of(time.GetUtcNow());
        var cost = await costs.ReservedCostAsync(Store.UsageGrouping.Environment, record.Name, month.Start, cancellationToken);
        lines.Add($"Cost so far this month: {cost:0.00} {options.Prices.Currency}.");
        if (budget is { State: not Core.Budgets.BudgetState.Within })
            lines.Add($"Budget: {budget.Reason}.");
        return lines;
    }

    /// <summary>A slot was freed (suspend, removal): give every waiting environment another try.</summary>
    private async Task WakeQueuedAsync(CancellationToken cancellationToken)
    {
        foreach (var waiting in (await store.ListAsync(cancellationToken)).Where(r => r.Phase == EnvironmentPhase.Queued))
            queue.Enqueue(waiting.Name);
    }

    private async Task FailBeforeDeployAsync(EnvironmentRecord record, long deploymentId, long began, string message, IReadOnlyList<string> details, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var failure = new DeployFailure(null, message, [.. details]);
        var timings = DeployTimings.Zero with { Source = time.GetElapsedTime(began) };
        await store.FinishDeploymentAsync(deploymentId, new DeployResultRecord
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
        feedback.Report(record, PullRequestEnvironmentState.Failed, timings: EnvironmentStore.ToDto(timings), error: EnvironmentStore.ToDto(failure));
    }

    private static string At(EnvironmentRecord record) => record.HeadSha is { } sha ? $" at {sha[..Math.Min(7, sha.Length)]}" : "";

    private IReadOnlyList<ServiceSnapshot> StoredOrServing(EnvironmentRecord record) =>
        board.Find(record.Name)?.Serving is { IsDefaultOrEmpty: false } serving ? serving : EnvironmentStore.ReadServices(record);
}
