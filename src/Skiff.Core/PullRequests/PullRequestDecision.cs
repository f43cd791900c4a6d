namespace Skiff.Core.PullRequests;

/// <summary>What to do with a pull request's environment after a webhook.</summary>
public enum PullRequestVerdict
{
    /// <summary>The environment should run the PR's head commit.</summary>
    Deploy,

    /// <summary>The environment should be gone (the PR closed).</summary>
    Remove,

    /// <summary>The PR does not qualify (fork, draft, label): no environment, and the PR comment says why.</summary>
    NotDeployed,

    /// <summary>The action does not change anything (assigned, edited, review requested, ...).</summary>
    Ignore,
}

/// <param name="Reason">One sentence for the PR comment and the environment's history.</param>
public sealed record PullRequestDecision(PullRequestVerdict Verdict, string Reason);
