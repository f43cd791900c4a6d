using System.Globalization;
using System.Text.RegularExpressions;

namespace Skiff.Tests.Shared;

// GET /repos/{owner}/{repo}/pulls/{pull_number}: one pull request, 404 when the fake never saw it.
internal sealed partial class FakeGitHubRoutes
{
    public required FakeGitHubPullRequests Pulls { get; init; }

    public required FakePullRequestJson PullJson { get; init; }

    private FakeGitHubAnswer? AnswerPull(string method, string path)
    {
        if (method != "GET" || Match(PullPath(), path) is not { } p)
            return null;
        return Pulls.Find(p["repo"], int.Parse(p["number"], CultureInfo.InvariantCulture)) is { } pull
            ? new FakeGitHubAnswer(200, PullJson.PullRequest(pull))
            : NotFound();
    }

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/pulls/(?<number>[0-9]{1,9})/?$")]
    private static partial Regex PullPath();
}
