using Skiff.Core.Budgets;

namespace Skiff.Core.Tests.Budgets;

public class SuspendCandidatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Longest_idle_first_counting_the_later_of_request_and_deploy()
    {
        var order = SuspendCandidates.Order(
        [
            ("busy", Now.AddMinutes(-1), Now.AddDays(-1)),
            ("never-visited", null, Now.AddHours(-5)),
            ("redeployed", Now.AddDays(-2), Now.AddMinutes(-30)), // the deploy is its latest use
            ("quiet", Now.AddHours(-8), Now.AddDays(-1)),
        ]);

        Assert.Equal(["quiet", "never-visited", "redeployed", "busy"], order);
    }

    [Fact]
    public void Ties_go_by_name()
    {
        var at = Now.AddHours(-1);
        Assert.Equal(["a", "b"], SuspendCandidates.Order([("b", at, at), ("a", null, at)]));
    }
}
