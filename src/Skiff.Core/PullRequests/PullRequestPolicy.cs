namespace Skiff.Core.PullRequests;

/// <summary>Decides, from a webhook's facts and the repository's rules, whether a pull request has an environment.</summary>
public static class PullRequestPolicy
{
    private static readonly HashSet<string> Relevant = new(StringComparer.Ordinal)
    {
        "opened", "reopened", "synchronize", "ready_for_review", "labeled", "unlabeled", "converted_to_draft",
    };

    public static PullRequestDecision Decide(PullRequestFacts facts, PullRequestRules rules, string repository)
    {
        if (facts.Action == "closed")
            return new(PullRequestVerdict.Remove, "the pull request was closed");
        if (!Relevant.Contains(facts.Action))
            return new(PullRequestVerdict.Ignore, $"'{facts.Action}' does not change the environment");
        if (facts.FromFork && !rules.DeployForks)
            return new(PullRequestVerdict.NotDeployed,
                "this pull request comes from a fork, and Skiff does not deploy forks automatically: their code would run next to other environments. " +
                $"A maintainer can allow it with `deployForks: true` for {repository} in skiff-server.yaml.");
        if (rules.Selection == PullRequestSelection.Ready && facts.Draft)
            return new(PullRequestVerdict.NotDeployed, "this pull request is a draft; it gets an environment when it is marked ready for review.");
        if (rules.Selection == PullRequestSelection.Labelled && !facts.Labels.Contains(rules.Label, StringComparer.OrdinalIgnoreCase))
            return new(PullRequestVerdict.NotDeployed, $"add the label `{rules.Label}` to get an environment for this pull request.");
        return new(PullRequestVerdict.Deploy, $"'{facts.Action}' asks for the head commit");
    }
}
