using Skiff.Core.Budgets;

namespace Skiff.Core.Tests.Budgets;

public class BudgetPolicyEvaluatorTests
{
    private static readonly BudgetRules Monthly = new(Monthly: 100m, Policy: BudgetPolicy.Suspend);

    private static BudgetVerdict Evaluate(BudgetRules rules, decimal spent, decimal projected = 0, decimal? authorSpent = null) =>
        BudgetPolicyEvaluator.Evaluate(rules, spent, authorSpent, projected, "acme/shop", "alice");

    [Fact]
    public void Below_ninety_percent_is_within_and_changes_nothing()
    {
        var verdict = Evaluate(Monthly, 50m, projected: 5m);

        Assert.Equal(new BudgetVerdict(BudgetState.Within, BudgetPolicy.Warn,
            "acme/shop spent 50.00 of its 100.00 monthly budget, and this environment adds 5.00 (55.00)"), verdict);
        Assert.Equal(BudgetState.Within, Evaluate(Monthly, 89.99m).State);
    }

    [Fact]
    public void From_ninety_percent_it_warns()
    {
        Assert.Equal(new BudgetVerdict(BudgetState.Warn, BudgetPolicy.Warn, "acme/shop spent 90.00 of its 100.00 monthly budget: 90%"),
            Evaluate(Monthly, 90m));

        // 85 spent + 5 the environment adds = 90: the projection counts.
        Assert.Equal(BudgetState.Warn, Evaluate(Monthly, 85m, projected: 5m).State);

        // Exactly the budget is not yet over it.
        Assert.Equal(BudgetState.Warn, Evaluate(Monthly, 100m).State);
    }

    [Fact]
    public void Over_the_budget_applies_the_policy_and_names_the_amounts()
    {
        var verdict = Evaluate(Monthly, 101.20m);

        Assert.Equal(new BudgetVerdict(BudgetState.Exceeded, BudgetPolicy.Suspend,
            "acme/shop spent 101.20 of its 100.00 monthly budget: 101% (policy: suspend)"), verdict);
    }

    [Fact]
    public void What_the_environment_would_add_can_exceed_it()
    {
        var verdict = Evaluate(Monthly with { Policy = BudgetPolicy.Refuse }, 99.50m, projected: 0.60m);

        // 99.50 + 0.60 = 100.10 > 100.00
        Assert.Equal(BudgetState.Exceeded, verdict.State);
        Assert.Equal(BudgetPolicy.Refuse, verdict.Action);
        Assert.Equal("acme/shop spent 99.50 of its 100.00 monthly budget, and this environment adds 0.60 (100.10): 100% (policy: refuse)", verdict.Reason);
    }

    [Fact]
    public void The_author_budget_is_checked_on_its_own()
    {
        var rules = new BudgetRules(Monthly: 100m, PerAuthor: 20m, Policy: BudgetPolicy.Refuse);

        // Repository: 40 + 2 = 42 of 100, within. Author: 19 + 2 = 21 of 20, over.
        var verdict = Evaluate(rules, 40m, projected: 2m, authorSpent: 19m);
        Assert.Equal(BudgetState.Exceeded, verdict.State);
        Assert.Equal(BudgetPolicy.Refuse, verdict.Action);
        Assert.Equal("alice spent 19.00 of the 20.00 monthly budget per author in acme/shop, and this environment adds 2.00 (21.00): 105% (policy: refuse)", verdict.Reason);

        // 18 of 20 = 90%: a warning about the author only.
        var warned = Evaluate(rules, 40m, authorSpent: 18m);
        Assert.Equal(BudgetState.Warn, warned.State);
        Assert.StartsWith("alice spent 18.00", warned.Reason);

        // Without the author's spending, only the repository's budget counts.
        Assert.Equal(BudgetState.Within, Evaluate(rules, 40m, projected: 2m).State);
    }

    [Fact]
    public void Both_budgets_over_are_both_named()
    {
        var rules = new BudgetRules(Monthly: 100m, PerAuthor: 20m);

        var verdict = Evaluate(rules, 120m, authorSpent: 30m);

        Assert.Equal(BudgetState.Exceeded, verdict.State);
        Assert.Equal(BudgetPolicy.Warn, verdict.Action); // the policy is warn
        Assert.Equal("acme/shop spent 120.00 of its 100.00 monthly budget: 120%; alice spent 30.00 of the 20.00 monthly budget per author in acme/shop: 150% (policy: warn)", verdict.Reason);
    }

    [Fact]
    public void The_worse_finding_decides_and_only_it_is_named()
    {
        var rules = new BudgetRules(Monthly: 100m, PerAuthor: 20m, Policy: BudgetPolicy.Suspend);

        var verdict = Evaluate(rules, 95m, authorSpent: 25m);

        Assert.Equal(BudgetState.Exceeded, verdict.State);
        Assert.StartsWith("alice spent 25.00", verdict.Reason);
    }

    [Fact]
    public void No_budget_is_always_within()
    {
        Assert.Equal(new BudgetVerdict(BudgetState.Within, BudgetPolicy.Warn, "acme/shop has no budget"),
            Evaluate(new BudgetRules(Policy: BudgetPolicy.Refuse), 1_000_000m, projected: 50m));
    }

    [Fact]
    public void A_zero_budget_refuses_anything_that_costs()
    {
        var zero = new BudgetRules(Monthly: 0m, Policy: BudgetPolicy.Refuse);
        Assert.Equal(BudgetState.Exceeded, Evaluate(zero, 0m, projected: 0.01m).State);
        Assert.Equal(BudgetState.Within, Evaluate(zero, 0m).State);
    }
}
