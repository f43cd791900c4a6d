using Skiff.Core.Environments;
using Skiff.Core.Lifetimes;
using Skiff.Core.Units;
using Skiff.Server.Activity;
using Skiff.Server.GitHub;
using Skiff.Server.Reconciliation;
using Skiff.Server.Routing;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Server.Serving;

namespace Skiff.Server.Lifecycle;

/// <summary>
/// One pass over every environment: expire what outlived its TTL (warning on the PR comment before),
/// suspend what has been idle too long, and give queued environments another try. Decisions are the
/// Core policies'; this class only gathers the facts and records desired state.
/// </summary>
public sealed class LifecyclePass(
    Budgets.BudgetGuard budgets,
    EnvironmentStore store,
    Environments.DesiredStateWriter desired,
    ReconcileQueue queue,
    ActivityTracker activity,
    PullRequestFeedbackSink feedback,
    ServerUrls urls,
    SkiffServerOptions options,
    TimeProvider time,
    ILogger<LifecyclePass> logger)
{
    /// <summary>Environments with a request this recent are never suspended for a budget.</summary>
    public static readonly TimeSpan RecentlyUsed = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = await store.ListAsync(cancellationToken);
        await EnforceBudgetsAsync(records, now, cancellationToken);
        foreach (var record in records)
        {
            if (record.Desired == DesiredState.Absent)
                continue;
            if (record.Phase == EnvironmentPhase.Queued)
            {
                queue.Enqueue(record.Name);
                continue;
            }
            if (record.LastDeployedAt is not { } lastDeploy || queue.IsBusy(record.Name))
                continue;

            var lifetime = StoredLifetime.Of(record, options);
            var lastActivity = Later(activity.LastRequest(record.Name), record.LastActivityAt);
            var ttl = TtlPolicy.Evaluate(now, lastDeploy, lastActivity, record.ExtendedUntil, lifetime.Ttl, options.Lifetimes.TtlWarning);
            switch (ttl.State)
            {
                case TtlState.Expired:
                    await ExpireAsync(record, lifetime.Ttl!.Value, cancellationToken);
                    continue;
                case TtlState.Warn when record.ExpiryWarnedAt != ttl.ExpiresAt:
                    await WarnAsync(record, ttl, cancellationToken);
                    break;
            }

            if (record.Desired == DesiredState.Running && record.Phase == EnvironmentPhase.Ready
                && IdlePolicy.ShouldSuspend(now, lastDeploy, lastActivity, lifetime.Idle) is { Suspend: true } idle)
            {
                logger.LogInformation("Suspending {Environment}: no request for {Idle}", record.Name, DurationFormat.Format(idle.IdleFor));
                await desired.RequestAsync(record.Name, EnvironmentTrigger.IdleSuspend, Actor.Idle,
                    $"no request for {DurationFormat.Format(RoundToMinutes(idle.IdleFor))}: suspending", cancellationToken);
            }
        }
    }

    /// <summary>
    /// A repository over its budget with policy <c>suspend</c>: its longest-idle running environment is
    /// suspended, one per pass and repository, except ones used in the last few minutes.
    /// </summary>
    private async Task EnforceBudgetsAsync(IReadOnlyList<EnvironmentRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var repository in options.Repositories.Where(r => r.Budget.Policy == Core.Budgets.BudgetPolicy.Suspend))
        {
            var running = records.Where(r => r.Repository == repository.FullName && r.Desired == DesiredState.Running
                && r.Phase == EnvironmentPhase.Ready && r.LastDeployedAt is not null && !queue.IsBusy(r.Name)).ToList();
            if (running.Count == 0)
                continue;
            var verdict = await budgets.EvaluateAsync(repository, null, cancellationToken);
            if (verdict is not { State: Core.Budgets.BudgetState.Exceeded })
                continue;
            var candidates = running
                .Select(r => (r.Name, LastActivity: Later(activity.LastRequest(r.Name), r.LastActivityAt), LastDeploy: r.LastDeployedAt!.Value))
                .Where(c => now - (c.LastActivity ?? c.LastDeploy) >= RecentlyUsed)
                .ToList();
            if (Core.Budgets.SuspendCandidates.Order(candidates).FirstOrDefault() is not { } chosen)
                continue;
            logger.LogInformation("Suspending {Environment}: {Reason}", chosen, verdict.Reason);
            await desired.RequestAsync(chosen, EnvironmentTrigger.BudgetSuspend, Actor.Budget, $"suspended, longest idle first: {verdict.Reason}", cancellationToken);
        }
    }

    private async Task ExpireAsync(EnvironmentRecord record, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var back = record.PullRequest is null
            ? $"run `skiff up` again to bring it back"
            : "push a commit to the pull request (or close and reopen it) to bring it back";
        var reason = $"it expired: no deploy and no request for {DurationFormat.Format(ttl)} (its TTL); {back}.";
        logger.LogInformation("Environment {Environment} expired", record.Name);
        await desired.RequestAsync(record.Name, EnvironmentTrigger.Expire, Actor.Ttl, reason, cancellationToken, removalReason: reason);
    }

    private async Task WarnAsync(EnvironmentRecord record, TtlVerdict ttl, CancellationToken cancellationToken)
    {
        var at = ttl.ExpiresAt!.Value;
        var line = $"Expires {at:yyyy-MM-dd HH:mm} UTC (in {DurationFormat.Format(RoundToMinutes(ttl.Remaining!.Value))}) unless it gets a request or a push; `skiff extend {record.Name} 1d` keeps it longer.";
        await store.AddEventAsync(record.Name, "ttl", line, cancellationToken);
        await store.SetLifetimeAsync(record.Name, record.ExtendedUntil, at, cancellationToken);
        feedback.Report(record, record.Phase == EnvironmentPhase.Failed ? PullRequestEnvironmentState.Failed : PullRequestEnvironmentState.Ready,
            urls.Current.PublicUrl(record.Name), details: [line]);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static TimeSpan RoundToMinutes(TimeSpan value) => TimeSpan.FromMinutes(Math.Max(1, Math.Round(value.TotalMinutes)));
}
