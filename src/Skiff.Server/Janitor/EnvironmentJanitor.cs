using Skiff.Core.Runtime;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;
using Skiff.Core.Api;
using Skiff.Core.Environments;

namespace Skiff.Server.Janitor;

/// <summary>
/// One janitor pass: <see cref="JanitorSurvey"/> gathers the facts, <see cref="JanitorPlanner"/>
/// decides, and this applies each action, checking again just before that nobody took the
/// environment up meanwhile. Every action (or would-be action) is logged and written into the
/// environment's history; an orphan has no history, so it is only logged. One pass at a time.
/// </summary>
public sealed class EnvironmentJanitor(
    JanitorSurvey survey,
    JanitorOptions options,
    EnvironmentStore store,
    JanitorStore janitorStore,
    Environments.DesiredStateWriter desired,
    IEnvironmentRuntime runtime,
    ReconcileQueue queue,
    ILogger<EnvironmentJanitor> logger) : IJanitor
{
    private const string EventKind = "janitor";
    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task<JanitorReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var facts = await survey.GatherAsync(cancellationToken);
            var actions = JanitorPlanner.Plan(facts, options);
            var reports = new List<JanitorActionReport>(actions.Count);
            foreach (var action in actions)
                reports.Add(await ApplyAsync(action, dryRun, cancellationToken));
            logger.LogInformation("Janitor pass done: {Actions} actions, {Failed} failed (dry run: {DryRun})",
                reports.Count, reports.Count(r => r.Error is not null), dryRun);
            return new JanitorReport(dryRun, reports);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<JanitorActionReport> ApplyAsync(JanitorAction action, bool dryRun, CancellationToken cancellationToken)
    {
        var report = new JanitorActionReport(action.Kind, action.Environment, action.Detail);
        if (dryRun)
        {
            logger.LogInformation("Janitor (dry run) would act: {Kind} {Environment}: {Detail}", action.Kind, action.Environment, action.Detail);
            await RecordAsync(action, $"dry run, would {Verb(action.Kind)}: {action.Detail}", cancellationToken);
            return report;
        }
        try
        {
            var (outcome, enqueue) = await DoAsync(action, cancellationToken);
            logger.LogInformation("Janitor acted: {Kind} {Environment}: {Detail}; {Outcome}", action.Kind, action.Environment, action.Detail, outcome);
            // Into the history before the reconciler may take the environment (and, when it removes it, its history) away.
            await RecordAsync(action, $"{action.Detail}: {outcome}", cancellationToken);
            if (enqueue)
                queue.Enqueue(action.Environment);
            return report;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Janitor could not {Verb} {Environment} ({Kind}: {Detail})", Verb(action.Kind), action.Environment, action.Kind, action.Detail);
            await RecordAsync(action, $"could not {Verb(action.Kind)} ({action.Detail}): {exception.Message}", cancellationToken);
            return report with { Error = exception.Message };
        }
    }

    /// <summary>Does the action; returns what was done, in a few words, and whether the environment is to be reconciled.</summary>
    private async Task<(string Outcome, bool Enqueue)> DoAsync(JanitorAction action, CancellationToken cancellationToken)
    {
        var name = action.Environment;
        switch (action.Kind)
        {
            case JanitorActionKind.Orphan:
                if (queue.IsBusy(name) || await store.FindAsync(name, cancellationToken) is not null)
                    return ("left alone: the environment was created meanwhile", false);
                await runtime.RemoveAsync(name, cancellationToken);
                return ("removed its labelled containers, networks and volumes", false);

            case JanitorActionKind.ClosedPullRequest:
                var removal = await desired.RequestAsync(name, Core.Environments.EnvironmentTrigger.JanitorRemove, Core.Environments.Actor.Janitor,
                    action.Detail, cancellationToken, ifGeneration: action.Generation ?? -1);
                return removal.Decision.Changes
                    ? ("set to Absent and queued for removal", false)
                    : ("left alone: the environment changed meanwhile", false);

            case JanitorActionKind.InterruptedDeployment:
                return await janitorStore.MarkInterruptedAsync(action.DeploymentId ?? -1, cancellationToken)
                    ? ("marked Interrupted", false)
                    : ("left alone: it finished meanwhile", false);

            case JanitorActionKind.Stuck:
                return queue.IsBusy(name)
                    ? ("left alone: a worker took it up meanwhile", false)
                    : ("queued again", true);

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "unknown janitor action");
        }
    }

    private async Task RecordAsync(JanitorAction action, string message, CancellationToken cancellationToken)
    {
        if (action.Kind == JanitorActionKind.Orphan)
            return;
        try
        {
            await store.AddEventAsync(action.Environment, EventKind, message, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Janitor could not record its action in the history of {Environment}", action.Environment);
        }
    }

    private static string Verb(JanitorActionKind kind) => kind switch
    {
        JanitorActionKind.Orphan => "remove the orphaned objects",
        JanitorActionKind.ClosedPullRequest => "remove the environment",
        JanitorActionKind.InterruptedDeployment => "mark the deployment interrupted",
        JanitorActionKind.Stuck => "queue it again",
        _ => kind.ToString(),
    };
}
