using Skiff.Core.Budgets;
using Skiff.Core.Costs;
using Skiff.Server.Configuration;
using Skiff.Server.Hosting;
using Skiff.Server.Store;

namespace Skiff.Server.Budgets;

/// <summary>
/// How a repository stands against its monthly budget: what its environments (closed ones too)
/// cost this UTC month, read from the cost meter's samples and priced with the server's table.
/// An author's spending is counted across every repository the server serves.
/// </summary>
public sealed class BudgetGuard(UsageStore usage, SkiffServerOptions options, TimeProvider time)
{
    /// <summary>Null when the repository has no budget.</summary>
    public async Task<BudgetVerdict?> EvaluateAsync(RepositoryConfig repository, string? author, CancellationToken cancellationToken)
    {
        var rules = repository.Budget;
        if (rules.Monthly is null && rules.PerAuthor is null)
            return null;
        var month = MonthWindow.Of(time.GetUtcNow());
        var byRepository = await usage.TotalsAsync(UsageGrouping.Repository, month.Start, month.End, null, cancellationToken);
        var spent = Cost(byRepository, repository.FullName);
        decimal? authorSpent = null;
        if (rules.PerAuthor is not null && author is not null)
            authorSpent = Cost(await usage.TotalsAsync(UsageGrouping.Author, month.Start, month.End, null, cancellationToken), author);
        return BudgetPolicyEvaluator.Evaluate(rules, spent, authorSpent, 0m, repository.FullName, author);
    }

    private decimal Cost(IReadOnlyDictionary<string, CostTotals> totals, string key) =>
        totals.TryGetValue(key, out var found) ? CostCalculator.Price(found, options.Prices).ReservedCost : 0m;
}
