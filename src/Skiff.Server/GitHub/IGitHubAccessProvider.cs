using Skiff.Server.Configuration;
using Skiff.Server.GitHub;

namespace Skiff.Server.GitHub;

/// <summary>How the server reaches a repository's API; null when the repository has no token or app configured (no feedback then).</summary>
public interface IGitHubAccessProvider
{
    GitHubRepositoryAccess? For(RepositoryConfig repository);

    /// <summary>A token for fetching a private repository over https, or null.</summary>
    Task<string?> GitTokenAsync(RepositoryConfig repository, CancellationToken cancellationToken);
}
