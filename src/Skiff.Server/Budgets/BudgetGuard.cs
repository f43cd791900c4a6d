using Skiff.Core.Budgets;
using Skiff.Server.Configuration;
using Skiff.Server.Costs;
using Skiff.Server.Store;

namespace Skiff.Server.Budgets;

/// <summary>
/// How a repository stands against its monthly budget: what its environments (closed ones too)
/// cost this UTC month, from the cost meter's reports. An author's spending is counted across
/// every repository the server serves.
/// </summary>
public sealed class BudgetGuard(CostReports costs, TimeProvider time)
{
    /// <summary>Null when the repository has no budget.</summary>
    public async Task<BudgetVerdict?> EvaluateAsync(RepositoryConfig repository, string? author, CancellationToken cancellationToken)
    {
        var rules = repository.Budget;
        if (rules.Monthly is null && rules.PerAuthor is null)
            return null;
        var month = MonthWindow.Of(time.GetUtcNow());
        var spent = await costs.ReservedCostAsync(UsageGrouping.Repository, repository.FullName, month.Start, cancellationToken);
        decimal? authorSpent = rules.PerAuthor is not null && author is not null
            ? await costs.ReservedCostAsync(UsageGrouping.Author, author, month.Start, cancellationToken)
            : null;
        return BudgetPolicyEvaluator.Evaluate(rules, spent, authorSpent, 0m, repository.FullName, author);
    }
}
