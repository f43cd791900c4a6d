using Skiff.Server.GitHub;
using Skiff.Server.Hosting;
using Skiff.Server.PullRequests;

namespace Skiff.Server.Janitor;

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
    /// <summary>True when the environment's repository is configured with API access.</summary>
    public bool CanCheck(EnvironmentFact environment) => Access(environment) is not null;

    /// <summary>The state of each environment's pull request GitHub answered for, by environment name.</summary>
    public async Task<IReadOnlyDictionary<string, PullRequestStatus>> ReadAsync(IReadOnlyList<EnvironmentFact> environments, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, PullRequestStatus>(StringComparer.Ordinal);
        if (environments.Count == 0)
            return states;
        using var clients = new GitHubClientPool(gitHub, cancellationToken);
        foreach (var environment in environments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Access(environment) is not { } api || environment.PullRequest is not { } number)
                continue;
            try
            {
                var pull = await clients.For(api).PullRequest.Get(api.Owner, api.Name, checked((int)number));
                var closed = string.Equals(pull.State.StringValue, "closed", StringComparison.OrdinalIgnoreCase);
                states[environment.Name] = new PullRequestStatus(closed, pull.Merged, pull.ClosedAt);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = GitHubFailure.Classify(exception, time.GetUtcNow()).Description;
                logger.LogWarning("Janitor could not read pull request {Repository}#{PullRequest} of {Environment}: {Reason}; left as it is",
                    api.FullName, number, environment.Name, reason);
            }
        }
        return states;
    }

    private GitHubRepositoryAccess? Access(EnvironmentFact environment) =>
        environment.Repository is { } repository && options.FindRepository(repository) is { } config ? access.For(config) : null;
}
