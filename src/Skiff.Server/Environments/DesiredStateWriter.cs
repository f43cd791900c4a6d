using Skiff.Core.Environments;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;

namespace Skiff.Server.Environments;

/// <summary>
/// The one way desired state changes. Every trigger — the API, a webhook, a request waking an
/// environment, the TTL and idle pass, budgets, the janitor (and later ChatOps and the dashboard) —
/// calls this: it asks <see cref="EnvironmentLifecycle"/> whether the trigger may act, writes the row
/// (guarded by the generation it read, so a change in between wins and is decided again), appends
/// the history event with its actor, and enqueues the environment for the reconciler.
/// </summary>
public sealed class DesiredStateWriter(EnvironmentStore store, PullRequestRecorder pullRequests, ReconcileQueue queue, ILogger<DesiredStateWriter> logger)
{
    /// <summary>How often a change is decided again when another writer moved the generation in between.</summary>
    private const int Attempts = 5;

    /// <param name="message">The history event's text (the lifecycle names its kind).</param>
    /// <param name="ifGeneration">Act only while the environment is still at this generation (the janitor: a reopen meanwhile wins).</param>
    /// <param name="removalReason">For a removal that is not a plain request (an expired TTL): shown on the PR comment.</param>
    public async Task<StateChange> RequestAsync(string name, EnvironmentTrigger trigger, Actor actor, string? message, CancellationToken cancellationToken,
        long? ifGeneration = null, string? removalReason = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await store.FindAsync(name, cancellationToken);
            if (record is null)
                return StateChange.NotFound;
            var decision = EnvironmentLifecycle.Decide(record.Desired, record.HeldGeneration == record.Generation, trigger);
            if (ifGeneration is { } expected && record.Generation != expected)
                return new StateChange(decision with { Outcome = LifecycleOutcome.Unchanged, To = record.Desired, EventKind = null }, record);
            if (!decision.Changes)
                return new StateChange(decision, record);
            if (await store.ApplyDesiredAsync(name, record.Generation, decision.To!.Value, removalReason, cancellationToken))
            {
                await store.AddEventAsync(name, decision.EventKind!, message ?? Describe(trigger, decision.To.Value), cancellationToken, actor);
                queue.Enqueue(name);
                logger.LogInformation("{Environment}: {Trigger} by {Actor}: desired {Desired}", name, trigger, actor, decision.To.Value);
                return new StateChange(decision, await store.FindAsync(name, cancellationToken));
            }
            if (attempt == Attempts)
                throw new InvalidOperationException($"environment {name} kept changing while {trigger} was recorded ({Attempts} tries)");
        }
    }

    /// <summary>Runs a folder on the server's host under <paramref name="name"/> (creates or updates it); throws <see cref="NameTakenException"/> for a pull request's name.</summary>
    public async Task<EnvironmentRecord> RunFolderAsync(string name, string folder, Actor actor, CancellationToken cancellationToken)
    {
        var record = await store.RequestRunningAsync(name, "directory", folder, cancellationToken);
        await store.AddEventAsync(name, "run", $"run {folder} (generation {record.Generation})", cancellationToken, actor);
        queue.Enqueue(name);
        return record;
    }

    /// <summary>
    /// Records a pull request delivery (the webhook's hot path: a few plain SQL statements in one
    /// transaction, with the delivery's event and actor) and enqueues its environment when it changed.
    /// </summary>
    public async Task<TriggerRecording> RecordPullRequestAsync(PullRequestTrigger trigger, CancellationToken cancellationToken)
    {
        var recording = await pullRequests.RecordAsync(trigger, cancellationToken);
        if (recording is { Outcome: TriggerOutcome.Recorded, Environment: { } environment })
            queue.Enqueue(environment);
        return recording;
    }

    /// <summary>Keeps the environment at least until <paramref name="extendedUntil"/> (null: as its TTL says); its desired state stays.</summary>
    public async Task<StateChange> ExtendAsync(string name, DateTimeOffset? extendedUntil, Actor actor, string message, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(name, cancellationToken);
        if (record is null)
            return StateChange.NotFound;
        var decision = EnvironmentLifecycle.Decide(record.Desired, record.HeldGeneration == record.Generation, EnvironmentTrigger.Extend);
        if (decision.Outcome != LifecycleOutcome.Unchanged)
            return new StateChange(decision, record);
        await store.SetLifetimeAsync(name, extendedUntil, null, cancellationToken);
        await store.AddEventAsync(name, decision.EventKind!, message, cancellationToken, actor);
        return new StateChange(decision, await store.FindAsync(name, cancellationToken));
    }

    private static string Describe(EnvironmentTrigger trigger, DesiredState to) => trigger switch
    {
        EnvironmentTrigger.Suspend => "suspend requested",
        EnvironmentTrigger.Resume => "resume requested",
        EnvironmentTrigger.Wake => "woken by a request to its URL",
        EnvironmentTrigger.Remove => "removal requested",
        _ => $"desired state {to}",
    };
}
