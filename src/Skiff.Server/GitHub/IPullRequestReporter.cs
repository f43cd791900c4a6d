using Skiff.Core.Api;

namespace Skiff.Server.GitHub;

/// <summary>
/// Tells GitHub how a pull request's environment is doing: a GitHub Deployment with statuses, and
/// one PR comment edited in place. <see cref="Report"/> returns at once; delivery happens in the
/// background, in order per pull request (newer states replace ones not yet sent), with retries on
/// 5xx and rate limits, and never holds up another pull request or the reconciler.
/// </summary>
public interface IPullRequestReporter
{
    void Report(PullRequestFeedback feedback);

    /// <summary>Waits until everything reported so far was delivered or given up on (for tests and shutdown).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}

/// <summary>Where a repository's API is and how to authenticate to it.</summary>
/// <param name="ApiBaseUrl">https://api.github.com/ or a GitHub Enterprise <c>https://host/api/v3/</c>.</param>
public sealed record GitHubRepositoryAccess(string Owner, string Name, Uri ApiBaseUrl, IGitHubCredentials Credentials)
{
    public string FullName => $"{Owner}/{Name}";
}

/// <summary>Gives a token for API calls: a fixed token, or a GitHub App installation token.</summary>
public interface IGitHubCredentials
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>The state of one pull request's environment, as GitHub should show it.</summary>
public sealed record PullRequestFeedback
{
    public required GitHubRepositoryAccess Repository { get; init; }

    public required int PullRequest { get; init; }

    /// <summary>The environment name (<c>&lt;repo&gt;-pr-&lt;n&gt;</c>); also the GitHub Deployment environment.</summary>
    public required string Environment { get; init; }

    /// <summary>
    /// The environment's generation this state belongs to (0 when not known). Deployments are
    /// retired only by a newer generation's success, so a late success of an older commit never
    /// marks a newer commit's deployment inactive.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>The head commit this state is about.</summary>
    public required string Sha { get; init; }

    public required PullRequestEnvironmentState State { get; init; }

    /// <summary>The environment URL once it serves.</summary>
    public string? Url { get; init; }

    public TimingsDto? Timings { get; init; }

    /// <summary>Why the deploy failed (with the last log lines).</summary>
    public ErrorDto? Error { get; init; }

    /// <summary>A sentence for the comment, such as why a fork's PR is not deployed and how a maintainer allows it.</summary>
    public string? Note { get; init; }

    /// <summary>Extra lines for the comment (later: cost so far, TTL warnings, queue position).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}

public enum PullRequestEnvironmentState
{
    /// <summary>Recorded, waiting for a worker.</summary>
    Queued,

    /// <summary>Fetching, building, starting.</summary>
    Deploying,

    /// <summary>Serving at <see cref="PullRequestFeedback.Url"/>.</summary>
    Ready,

    /// <summary>The deploy failed; the previous version, if any, still serves.</summary>
    Failed,

    /// <summary>The PR closed (or stopped qualifying): the environment is gone.</summary>
    Removed,

    /// <summary>Not deployed by policy (a fork, a draft, a missing label); <see cref="PullRequestFeedback.Note"/> says why.</summary>
    NotDeployed,
}
