using Skiff.Core.Environments;
using Skiff.Core.Api;

namespace Skiff.Server.Janitor;

/// <summary>
/// The janitor's rules, from facts alone (no I/O, no clock):
/// <list type="bullet">
/// <item>labelled engine objects with no environment record, past the grace period and not being worked on, are orphans;</item>
/// <item>a PR environment whose pull request GitHub reports closed goes away;</item>
/// <item>a deploy row still Running past the stuck threshold with no worker is interrupted;</item>
/// <item>an environment in Pending, Deploying or Deleting past the stuck threshold with no worker is queued again.</item>
/// </list>
/// Nothing the reconcile queue holds or works on is ever touched.
/// </summary>
public static class JanitorPlanner
{
    private static readonly HashSet<EnvironmentPhase> UnfinishedPhases =
        [EnvironmentPhase.Pending, EnvironmentPhase.Deploying, EnvironmentPhase.Deleting];

    public static IReadOnlyList<JanitorAction> Plan(JanitorFacts facts, JanitorOptions options) =>
    [
        .. Orphans(facts, options),
        .. ClosedPullRequests(facts),
        .. InterruptedDeployments(facts, options),
        .. StuckEnvironments(facts, options),
    ];

    /// <summary>The PR environments to look up on GitHub this pass: not going away already, the ones checked longest ago first.</summary>
    public static IReadOnlyList<EnvironmentFact> PullRequestsToCheck(
        IEnumerable<EnvironmentFact> environments, IReadOnlyDictionary<string, DateTimeOffset> lastChecked, int max) =>
        environments
            .Where(e => e.IsPullRequest && e.Desired != DesiredState.Absent)
            .OrderBy(e => lastChecked.TryGetValue(e.Name, out var at) ? at : DateTimeOffset.MinValue)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(max)
            .ToList();

    public static IEnumerable<JanitorAction> Orphans(JanitorFacts facts, JanitorOptions options)
    {
        foreach (var leftover in facts.Leftovers)
        {
            if (facts.Environments.ContainsKey(leftover.Name) || facts.Busy.Contains(leftover.Name) || !options.MayCollect(leftover.Name))
                continue;
            var age = facts.Now - leftover.Since;
            if (age < options.OrphanGracePeriod)
                continue;
            yield return new JanitorAction(JanitorActionKind.Orphan, leftover.Name,
                $"{Objects(leftover)} labelled dev.skiff.env={leftover.Name} and no environment of that name ({JanitorText.Age(age)} old)");
        }
    }

    public static IEnumerable<JanitorAction> ClosedPullRequests(JanitorFacts facts)
    {
        foreach (var (name, status) in facts.PullRequests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!status.Closed || !facts.Environments.TryGetValue(name, out var environment) || environment.Desired == DesiredState.Absent)
                continue;
            var how = status.Merged ? "merged" : "closed";
            var when = status.ClosedAt is { } at ? $" {JanitorText.Age(facts.Now - at)} ago" : "";
            yield return new JanitorAction(JanitorActionKind.ClosedPullRequest, name,
                $"pull request {environment.Repository}#{environment.PullRequest} was {how}{when}")
            {
                Generation = environment.Generation,
            };
        }
    }

    public static IEnumerable<JanitorAction> InterruptedDeployments(JanitorFacts facts, JanitorOptions options)
    {
        foreach (var deployment in facts.RunningDeployments.OrderBy(d => d.Id))
        {
            var age = facts.Now - deployment.StartedAt;
            if (facts.Busy.Contains(deployment.Environment) || age < options.StuckAfter)
                continue;
            yield return new JanitorAction(JanitorActionKind.InterruptedDeployment, deployment.Environment,
                $"deployment {deployment.Id} started {JanitorText.Age(age)} ago is still marked Running with no worker on it")
            {
                DeploymentId = deployment.Id,
            };
        }
    }

    public static IEnumerable<JanitorAction> StuckEnvironments(JanitorFacts facts, JanitorOptions options)
    {
        if (!facts.ReconcilerRunning)
            yield break;
        foreach (var environment in facts.Environments.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var age = facts.Now - environment.UpdatedAt;
            if (!UnfinishedPhases.Contains(environment.Phase) || facts.Busy.Contains(environment.Name) || age < options.StuckAfter)
                continue;
            yield return new JanitorAction(JanitorActionKind.Stuck, environment.Name,
                $"{environment.Phase} for {JanitorText.Age(age)} with no worker on it");
        }
    }

    private static string Objects(EngineLeftover leftover)
    {
        var parts = new List<string>();
        if (leftover.Containers > 0)
            parts.Add(JanitorText.Count(leftover.Containers, "container"));
        if (leftover.Networks > 0)
            parts.Add(JanitorText.Count(leftover.Networks, "network"));
        if (leftover.Volumes > 0)
            parts.Add(JanitorText.Count(leftover.Volumes, "volume"));
        return parts.Count == 0 ? "objects" : string.Join(", ", parts);
    }
}
