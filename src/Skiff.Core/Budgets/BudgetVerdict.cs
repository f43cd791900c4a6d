namespace Skiff.Core.Budgets;

/// <summary>Where spending stands against the budgets, and what to do about it.</summary>
/// <param name="Action">The rules' policy when <see cref="BudgetState.Exceeded"/>; otherwise <see cref="BudgetPolicy.Warn"/>, which changes nothing.</param>
/// <param name="Reason">One line naming the amounts, for PR comments and the history.</param>
public sealed record BudgetVerdict(BudgetState State, BudgetPolicy Action, string Reason);
