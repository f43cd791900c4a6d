using System.Collections.Concurrent;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;

namespace Skiff.Server.GitHub;

/// <summary>
/// Builds each configured repository's API access once: a fixed token, or GitHub App credentials
/// (whose installation tokens are cached and renewed). A repository with neither gets no
/// feedback and is fetched without authentication.
/// </summary>
public sealed class GitHubAccessProvider(TimeProvider time) : IGitHubAccessProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, GitHubRepositoryAccess?> _access = new(StringComparer.OrdinalIgnoreCase);

    public GitHubRepositoryAccess? For(RepositoryConfig repository) =>
        _access.GetOrAdd(repository.FullName, _ => Create(repository));

    public async Task<string?> GitTokenAsync(RepositoryConfig repository, CancellationToken cancellationToken) =>
        For(repository) is { } access ? await access.Credentials.GetTokenAsync(cancellationToken) : null;

    public void Dispose()
    {
        foreach (var access in _access.Values)
            (access?.Credentials as IDisposable)?.Dispose();
    }

    private GitHubRepositoryAccess? Create(RepositoryConfig repository)
    {
        IGitHubCredentials? credentials = repository switch
        {
            { Token: { } token } => new TokenCredentials(token.Reveal()),
            { App: { } app } => new GitHubAppCredentials(app.AppId, app.InstallationId, app.PrivateKey.Reveal(), repository.ApiUrl, time),
            _ => null,
        };
        return credentials is null ? null : new GitHubRepositoryAccess(repository.Owner, repository.Name, repository.ApiUrl, credentials);
    }
}
