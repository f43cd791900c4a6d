namespace Skiff.Core.Budgets;

/// <summary>Which environments to suspend first when over budget: the longest idle (last deploy or request longest ago).</summary>
public static class SuspendCandidates
{
    /// <returns>Environment names, longest idle first; ties by name (ordinal).</returns>
    public static IReadOnlyList<string> Order(IEnumerable<(string Environment, DateTimeOffset? LastActivity, DateTimeOffset LastDeploy)> environments) =>
        environments
            .OrderBy(e => e.LastActivity is { } activity && activity > e.LastDeploy ? activity : e.LastDeploy)
            .ThenBy(e => e.Environment, StringComparer.Ordinal)
            .Select(e => e.Environment)
            .ToList();
}
