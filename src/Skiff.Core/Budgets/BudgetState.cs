namespace Skiff.Core.Budgets;

public enum BudgetState
{
    /// <summary>Below the warning threshold, or no budget.</summary>
    Within,

    /// <summary>At or above <see cref="BudgetPolicyEvaluator.WarnFraction"/> of a budget.</summary>
    Warn,

    /// <summary>Over a budget, or would be with what the environment adds.</summary>
    Exceeded,
}
