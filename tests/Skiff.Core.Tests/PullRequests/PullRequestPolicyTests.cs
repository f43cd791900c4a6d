using Skiff.Core.PullRequests;

namespace Skiff.Core.Tests.PullRequests;

public class PullRequestPolicyTests
{
    private static PullRequestDecision Decide(string action, bool draft = false, bool fork = false, string[]? labels = null, PullRequestRules? rules = null) =>
        PullRequestPolicy.Decide(new PullRequestFacts(action, draft, labels ?? [], fork), rules ?? new PullRequestRules(), "acme/shop");

    [Theory]
    [InlineData("opened")]
    [InlineData("reopened")]
    [InlineData("synchronize")]
    [InlineData("ready_for_review")]
    [InlineData("labeled")]
    public void Open_pull_requests_are_deployed(string action) => Assert.Equal(PullRequestVerdict.Deploy, Decide(action).Verdict);

    [Fact]
    public void Closing_removes() => Assert.Equal(PullRequestVerdict.Remove, Decide("closed").Verdict);

    [Theory]
    [InlineData("assigned")]
    [InlineData("edited")]
    [InlineData("review_requested")]
    public void Other_actions_change_nothing(string action) => Assert.Equal(PullRequestVerdict.Ignore, Decide(action).Verdict);

    [Fact]
    public void Forks_are_not_deployed_unless_allowed_and_the_reason_says_how()
    {
        var refused = Decide("opened", fork: true);
        Assert.Equal(PullRequestVerdict.NotDeployed, refused.Verdict);
        Assert.Contains("deployForks: true", refused.Reason);
        Assert.Contains("acme/shop", refused.Reason);

        Assert.Equal(PullRequestVerdict.Deploy, Decide("opened", fork: true, rules: new PullRequestRules(DeployForks: true)).Verdict);
    }

    [Fact]
    public void Drafts_wait_for_ready_when_the_rules_say_so()
    {
        var ready = new PullRequestRules(PullRequestSelection.Ready);
        Assert.Equal(PullRequestVerdict.NotDeployed, Decide("opened", draft: true, rules: ready).Verdict);
        Assert.Equal(PullRequestVerdict.NotDeployed, Decide("converted_to_draft", draft: true, rules: ready).Verdict);
        Assert.Equal(PullRequestVerdict.Deploy, Decide("ready_for_review", rules: ready).Verdict);
        Assert.Equal(PullRequestVerdict.Deploy, Decide("opened", draft: true).Verdict);
    }

    [Fact]
    public void Labelled_selection_needs_the_label()
    {
        var labelled = new PullRequestRules(PullRequestSelection.Labelled, "preview");
        Assert.Equal(PullRequestVerdict.NotDeployed, Decide("opened", rules: labelled).Verdict);
        Assert.Equal(PullRequestVerdict.Deploy, Decide("labeled", labels: ["Preview"], rules: labelled).Verdict);
        Assert.Equal(PullRequestVerdict.NotDeployed, Decide("unlabeled", labels: ["bug"], rules: labelled).Verdict);
    }
}
