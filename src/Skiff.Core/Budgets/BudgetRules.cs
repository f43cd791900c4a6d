namespace Skiff.Core.Budgets;

/// <summary>A repository's monthly budget and what happens when it would be exceeded.</summary>
/// <param name="Monthly">Money per calendar month (UTC) for all the repository's environments; null for no budget.</param>
/// <param name="PerAuthor">Money per calendar month per PR author; null for none.</param>
public sealed record BudgetRules(decimal? Monthly = null, decimal? PerAuthor = null, BudgetPolicy Policy = BudgetPolicy.Warn);

public enum BudgetPolicy
{
    /// <summary>Say so on the PR comments; change nothing.</summary>
    Warn,

    /// <summary>Suspend the repository's longest-idle environments first, until spending fits.</summary>
    Suspend,

    /// <summary>Refuse new environments (with a PR comment saying why); running ones stay.</summary>
    Refuse,
}

/// <summary>Host limits: beyond them new environments wait in a queue.</summary>
/// <param name="MaxRunning">Environments running at once (suspended ones do not count); null for no limit.</param>
/// <param name="MaxReservedMemoryBytes">The sum of memory limits of running environments; null for no limit.</param>
public sealed record CapacityLimits(int? MaxRunning = null, long? MaxReservedMemoryBytes = null);
