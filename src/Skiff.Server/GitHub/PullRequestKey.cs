using System.Globalization;

namespace Skiff.Server.GitHub;

/// <summary>One pull request: the unit of ordering and coalescing. Printed as <c>owner/repo#7</c>.</summary>
public readonly record struct PullRequestKey(string Repository, int Number)
{
    public static PullRequestKey Of(PullRequestFeedback feedback) =>
        new(feedback.Repository.FullName.ToLowerInvariant(), feedback.PullRequest);

    public override string ToString() => Repository + "#" + Number.ToString(CultureInfo.InvariantCulture);
}
