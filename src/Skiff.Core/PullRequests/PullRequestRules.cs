namespace Skiff.Core.PullRequests;

/// <summary>Which pull requests of a repository get environments.</summary>
/// <param name="Selection">All open PRs, only labelled ones, or only those not in draft.</param>
/// <param name="Label">The label that asks for an environment when <see cref="Selection"/> is <see cref="PullRequestSelection.Labelled"/>.</param>
/// <param name="DeployForks">Whether PRs whose head is in another repository (a fork) are deployed automatically.</param>
public sealed record PullRequestRules(PullRequestSelection Selection = PullRequestSelection.All, string Label = "preview", bool DeployForks = false);

public enum PullRequestSelection
{
    /// <summary>Every open pull request (drafts included).</summary>
    All,

    /// <summary>Only open pull requests carrying <see cref="PullRequestRules.Label"/>.</summary>
    Labelled,

    /// <summary>Only open pull requests that are not drafts.</summary>
    Ready,
}
