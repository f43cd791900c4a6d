using System.Globalization;

namespace Skiff.Core.Budgets;

/// <summary>
/// Compares this month's spending (plus what a new or running environment adds) with the
/// repository's monthly budget and the per-author budget. Exceeded when the sum is above a budget;
/// Warn at or above <see cref="WarnFraction"/> of it. The worse of the two budgets decides.
/// </summary>
public static class BudgetPolicyEvaluator
{
    public const decimal WarnFraction = 0.9m;

    /// <param name="spentThisMonth">The repository's spending this calendar month (UTC).</param>
    /// <param name="authorSpentThisMonth">The PR author's spending this month in the repository; null when unknown.</param>
    /// <param name="projectedNext">What the environment in question adds (0 when only checking).</param>
    /// <param name="repository">The repository's name, for the reason.</param>
    /// <param name="author">The PR author's login, for the reason.</param>
    public static BudgetVerdict Evaluate(BudgetRules rules, decimal spentThisMonth, decimal? authorSpentThisMonth, decimal projectedNext,
        string repository = "the repository", string? author = null)
    {
        var findings = new List<(BudgetState State, string Reason)>();
        if (rules.Monthly is { } monthly)
            findings.Add(Check(spentThisMonth, projectedNext, monthly, $"{repository} spent", "of its", "monthly budget"));
        if (rules.PerAuthor is { } perAuthor && authorSpentThisMonth is { } authorSpent)
            findings.Add(Check(authorSpent, projectedNext, perAuthor, $"{author ?? "the author"} spent", "of the", $"monthly budget per author in {repository}"));

        if (findings.Count == 0)
            return new BudgetVerdict(BudgetState.Within, BudgetPolicy.Warn, $"{repository} has no budget");

        var state = findings.Max(f => f.State);
        var reason = string.Join("; ", state == BudgetState.Within ? findings.Select(f => f.Reason) : findings.Where(f => f.State == state).Select(f => f.Reason));
        if (state == BudgetState.Exceeded)
            reason += $" (policy: {rules.Policy.ToString().ToLowerInvariant()})";
        return new BudgetVerdict(state, state == BudgetState.Exceeded ? rules.Policy : BudgetPolicy.Warn, reason);
    }

    private static (BudgetState, string) Check(decimal spent, decimal projected, decimal budget, string who, string whose, string what)
    {
        var total = spent + projected;
        var state = total > budget ? BudgetState.Exceeded
            : budget > 0 && total >= WarnFraction * budget ? BudgetState.Warn
            : BudgetState.Within;
        var reason = $"{who} {Money(spent)} {whose} {Money(budget)} {what}";
        if (projected > 0)
            reason += $", and this environment adds {Money(projected)} ({Money(total)})";
        if (budget > 0 && state != BudgetState.Within)
            reason += $": {Math.Floor(total / budget * 100).ToString(CultureInfo.InvariantCulture)}%";
        return (state, reason);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
