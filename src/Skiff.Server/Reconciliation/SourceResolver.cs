using Skiff.Server.Sources;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;

namespace Skiff.Server.Reconciliation;

/// <summary>Turns an environment's recorded source into a folder on disk: a directory as it is, or a git commit checked out.</summary>
public sealed class SourceResolver(IGitSource git, IGitHubAccessProvider access, SkiffServerOptions options)
{
    /// <summary>
    /// The folder to load the spec from. Throws <see cref="GitSourceException"/> when a fetch fails
    /// (it may pass), <see cref="EnvironmentDataException"/> when the record cannot name a source.
    /// </summary>
    public async Task<string> ResolveAsync(EnvironmentRecord record, CancellationToken cancellationToken)
    {
        if (record.SourceKind != "git")
            return record.SourcePath;
        if (record.Repository is null || record.HeadSha is null)
            throw new EnvironmentDataException($"environment {record.Name} has a git source without a repository or commit");
        var repository = options.FindRepository(record.Repository)
            ?? throw new EnvironmentDataException($"repository {record.Repository} is no longer in the server configuration");
        return await git.CheckoutAsync(new GitCheckoutRequest
        {
            Repository = repository.FullName,
            CloneUrl = record.SourcePath,
            Sha = record.HeadSha,
            Ref = record.PullRequest is { } number ? $"refs/pull/{number}/head" : null,
            Token = await access.GitTokenAsync(repository, cancellationToken),
        }, cancellationToken);
    }
}
