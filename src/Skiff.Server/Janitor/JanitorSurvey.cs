using System.Collections.Immutable;
using Skiff.Core.Runtime;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Core.Environments;

namespace Skiff.Server.Janitor;

/// <summary>
/// Gathers the facts of one janitor pass: the store's environments and running deploy rows, the
/// engine's labelled leftovers, what the reconcile queue is busy with, and the state on GitHub of
/// a bounded number of pull requests. It remembers, between passes, when it first saw each
/// leftover and when it last looked up each pull request. One pass at a time (the caller's lock).
/// </summary>
public sealed class JanitorSurvey(
    EnvironmentStore store,
    JanitorStore janitorStore,
    IEnvironmentRuntime runtime,
    ReconcileQueue queue,
    PullRequestStateReader pullRequests,
    JanitorOptions options,
    SkiffServerOptions server,
    TimeProvider time,
    ILogger<JanitorSurvey> logger)
{
    private readonly Dictionary<string, DateTimeOffset> _leftoversSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pullRequestsChecked = new(StringComparer.Ordinal);

    public async Task<JanitorFacts> GatherAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        var environments = records.Select(ToFact).ToImmutableDictionary(e => e.Name, StringComparer.Ordinal);
        var running = await janitorStore.ListRunningDeploymentsAsync(cancellationToken);
        var leftovers = await FindLeftoversAsync(environments, cancellationToken);
        var statuses = await CheckPullRequestsAsync(environments.Values, cancellationToken);

        var names = environments.Keys.Concat(leftovers.Select(l => l.Name)).Concat(running.Select(d => d.Environment));
        return new JanitorFacts
        {
            Now = time.GetUtcNow(),
            Environments = environments,
            Leftovers = leftovers,
            RunningDeployments = [.. running],
            PullRequests = statuses.ToImmutableDictionary(StringComparer.Ordinal),
            // Read last, so a key taken up while the facts were gathered counts as busy.
            Busy = names.Where(queue.IsBusy).ToImmutableHashSet(StringComparer.Ordinal),
            ReconcilerRunning = server.RunReconciler,
        };
    }

    private async Task<ImmutableArray<EngineLeftover>> FindLeftoversAsync(IReadOnlyDictionary<string, EnvironmentFact> environments, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names;
        try
        {
            names = await runtime.ListEnvironmentsAsync(cancellationToken);
        }
        catch (DriverException exception)
        {
            logger.LogWarning("Janitor skips orphans this pass: {Reason}", exception.Message);
            return [];
        }

        var now = time.GetUtcNow();
        var leftovers = ImmutableArray.CreateBuilder<EngineLeftover>();
        var unknown = names.Where(n => !environments.ContainsKey(n) && options.MayCollect(n)).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _leftoversSeen.Keys.Where(n => !unknown.Contains(n)).ToList())
            _leftoversSeen.Remove(gone);
        foreach (var name in unknown.Order(StringComparer.Ordinal))
        {
            var firstSeen = _leftoversSeen.TryGetValue(name, out var seen) ? seen : _leftoversSeen[name] = now;
            try
            {
                var state = await runtime.ObserveAsync(name, cancellationToken);
                if (state.IsEmpty)
                    continue;
                var newest = state.Containers.Select(c => c.CreatedAt).Max();
                leftovers.Add(new EngineLeftover(name, state.Containers.Length, state.Networks.Length, state.Volumes.Length, newest, firstSeen));
            }
            catch (DriverException exception)
            {
                logger.LogWarning("Janitor could not read the engine objects of {Environment}: {Reason}", name, exception.Message);
            }
        }
        return leftovers.ToImmutable();
    }

    private async Task<IReadOnlyDictionary<string, PullRequestStatus>> CheckPullRequestsAsync(IEnumerable<EnvironmentFact> environments, CancellationToken cancellationToken)
    {
        var checkable = environments.Where(e => pullRequests.CanCheck(e.Repository)).ToList();
        var known = checkable.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _pullRequestsChecked.Keys.Where(n => !known.Contains(n)).ToList())
            _pullRequestsChecked.Remove(gone);

        var batch = JanitorPlanner.PullRequestsToCheck(checkable, _pullRequestsChecked, options.MaxPullRequestChecks);
        var now = time.GetUtcNow();
        foreach (var environment in batch)
            _pullRequestsChecked[environment.Name] = now;
        return await pullRequests.ReadAsync([.. batch.Select(e => new PullRequestRef(e.Name, e.Repository!, e.PullRequest ?? 0))], cancellationToken);
    }

    private static EnvironmentFact ToFact(EnvironmentRecord record) =>
        new(record.Name, record.Desired, record.Phase, record.Generation, record.UpdatedAt)
        {
            Repository = record.Repository,
            PullRequest = record.PullRequest,
        };
}
