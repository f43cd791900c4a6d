using System.Text.RegularExpressions;
using Octokit.Webhooks.Events;

namespace Skiff.Server.GitHub;

/// <summary>
/// The parts of a pull_request delivery Skiff uses, each checked against what GitHub can send
/// before anything is recorded: numbers in range, a real commit id, names and titles within
/// GitHub's own limits. A delivery that fails a check is answered 400 with the first problem.
/// </summary>
public sealed partial record PullRequestDelivery(
    string Action, int Number, string HeadSha, bool Draft, bool FromFork, string? Author, string? Title, IReadOnlyList<string> Labels)
{
    /// <summary>GitHub's limit for a title (characters, not UTF-16 units).</summary>
    public const int MaxTitle = 256;

    /// <summary>GitHub's limit for a label name.</summary>
    public const int MaxLabel = 50;

    /// <summary>Far more labels than GitHub lets a pull request carry in practice.</summary>
    public const int MaxLabels = 100;

    /// <summary>The delivery, or the reason it cannot be handled (one line, naming the field).</summary>
    public static (PullRequestDelivery? Delivery, string? Problem) From(PullRequestEvent pullRequestEvent, string repositoryFullName)
    {
        if (pullRequestEvent.PullRequest is not { } pr)
            return Refuse("pull_request is missing");
        if (pullRequestEvent.Action is not { } action || !Word().IsMatch(action))
            return Refuse("action must be a lowercase word such as opened or synchronize");
        if (pr.Number is < 1 or > int.MaxValue)
            return Refuse($"pull_request.number must be between 1 and {int.MaxValue}, got {pr.Number}");
        if (pullRequestEvent.Number != 0 && pullRequestEvent.Number != pr.Number)
            return Refuse($"number ({pullRequestEvent.Number}) and pull_request.number ({pr.Number}) differ");
        if (pr.Head?.Sha is not { } sha || !CommitId().IsMatch(sha))
            return Refuse("pull_request.head.sha must be a commit id (40 or 64 hexadecimal digits)");
        if (pr.Title is { } title && title.EnumerateRunes().Count() > MaxTitle)
            return Refuse($"pull_request.title is longer than GitHub allows ({MaxTitle} characters)");
        if (pr.User?.Login is { } login && !Login().IsMatch(login))
            return Refuse("pull_request.user.login is not a GitHub login");
        var labels = pr.Labels?.Select(l => l?.Name).ToList() ?? [];
        if (labels.Count > MaxLabels)
            return Refuse($"pull_request.labels has more than {MaxLabels} labels");
        if (labels.Any(l => l is null || l.Length == 0 || l.EnumerateRunes().Count() > MaxLabel))
            return Refuse($"pull_request.labels: every label needs a name of 1 to {MaxLabel} characters");

        var baseRepository = pr.Base?.Repo?.FullName ?? repositoryFullName;
        var fromFork = !string.Equals(pr.Head.Repo?.FullName, baseRepository, StringComparison.OrdinalIgnoreCase);
        return (new PullRequestDelivery(action, (int)pr.Number, sha.ToLowerInvariant(), pr.Draft, fromFork, pr.User?.Login, pr.Title, labels!), null);
    }

    private static (PullRequestDelivery?, string?) Refuse(string problem) => (null, problem);

    [GeneratedRegex("^[a-z_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();

    /// <summary>Letters, digits and '-' (GitHub), '_' and '.' (enterprise and managed users), and a bot's "[bot]".</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}(\[bot\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Login();
}
