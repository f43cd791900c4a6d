using Skiff.Server.Configuration;

namespace Skiff.Server.GitHub;

/// <summary>
/// Asks GitHub whether pull requests are still open, through each repository's configured API
/// access. A repository with no token or app is not asked; a failed call is logged and its pull
/// request left out, so an API error never removes anything.
/// </summary>
public sealed class PullRequestStateReader(
    SkiffServerOptions options,
    IGitHubAccessProvider access,
    GitHubReporterOptions gitHub,
    TimeProvider time,
    ILogger<PullRequestStateReader> logger)
{
    /// <summary>True when the repository is configured with API access.</summary>
    public bool CanCheck(string? repository) => Access(repository) is not null;

    /// <summary>The state of each pull request GitHub answered for, by the caller's key.</summary>
    public async Task<IReadOnlyDictionary<string, PullRequestStatus>> ReadAsync(IReadOnlyList<PullRequestRef> pullRequests, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, PullRequestStatus>(StringComparer.Ordinal);
        if (pullRequests.Count == 0)
            return states;
        using var clients = new GitHubClientPool(gitHub, cancellationToken);
        foreach (var environment in pullRequests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Access(environment.Repository) is not { } api || environment.Number is not (> 0 and <= int.MaxValue))
                continue;
            try
            {
                var pull = await clients.For(api).PullRequest.Get(api.Owner, api.Name, (int)environment.Number);
                var closed = string.Equals(pull.State.StringValue, "closed", StringComparison.OrdinalIgnoreCase);
                states[environment.Key] = new PullRequestStatus(closed, pull.Merged, pull.ClosedAt);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = GitHubFailure.Classify(exception, time.GetUtcNow()).Description;
                logger.LogWarning("Janitor could not read pull request {Repository}#{PullRequest} of {Environment}: {Reason}; left as it is",
                    api.FullName, environment.Number, environment.Key, reason);
            }
        }
        return states;
    }

    private GitHubRepositoryAccess? Access(string? repository) =>
        repository is not null && options.FindRepository(repository) is { } config ? access.For(config) : null;
}

/// <summary>A pull request to look up: the caller's key for the answer (an environment name), <c>owner/name</c> and number.</summary>
public sealed record PullRequestRef(string Key, string Repository, long Number);

/// <summary>What GitHub says of a pull request.</summary>
public sealed record PullRequestStatus(bool Closed, bool Merged, DateTimeOffset? ClosedAt);
