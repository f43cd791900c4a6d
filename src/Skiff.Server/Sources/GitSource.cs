using Microsoft.Extensions.Logging;

namespace Skiff.Server.Sources;

/// <summary>
/// <see cref="IGitSource"/> with real git: one shallow bare cache per repository under SKIFF_HOME,
/// and one read-only-by-convention folder per commit, written beside its final place and renamed
/// into it, so a folder named after a commit is always complete.
/// </summary>
public sealed class GitSource : IGitSource
{
    private readonly GitSourceOptions _options;
    private readonly ILogger<GitSource> _logger;
    private readonly CheckoutFolders _folders;
    private readonly GitProcess _git;
    private readonly CommitFetcher _fetcher;
    private readonly RepositoryLocks _locks = new();

    public GitSource(GitSourceOptions options, ILogger<GitSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Home) || !Path.IsPathFullyQualified(options.Home))
            throw new ArgumentException($"Home must be an absolute path, not '{options.Home}'", nameof(options));
        if (options.FetchTimeout <= TimeSpan.Zero || options.CommandTimeout <= TimeSpan.Zero)
            throw new ArgumentException("timeouts must be positive", nameof(options));
        _options = options;
        _logger = logger;
        _folders = new CheckoutFolders(options.Home);
        _git = new GitProcess(options.GitExecutable, _folders.GitHome, options.TimeProvider, logger);
        _fetcher = new CommitFetcher(new AskPass(_folders.GitHome), options.TimeProvider, logger);
    }

    public async Task<string> CheckoutAsync(GitCheckoutRequest request, CancellationToken cancellationToken)
    {
        var target = CheckoutTarget.From(request);
        var final = _folders.Checkout(target.Repository, target.Sha);
        if (Directory.Exists(final))
        {
            _logger.LogDebug("Checkout of {Repository} at {Sha} is there already: {Path}", target.Repository, target.Sha, final);
            return final;
        }

        using (await _locks.AcquireAsync(target.Repository, cancellationToken))
        {
            if (Directory.Exists(final))
                return final;
            try
            {
                var cache = new GitCache(_git, _options, _folders.Cache(target.Repository), _logger);
                await cache.EnsureCreatedAsync(cancellationToken);
                cache.RemoveStaleLocks();
                await _fetcher.EnsureCommitAsync(cache, target, cancellationToken);
                await MaterialiseAsync(cache, target, final, cancellationToken);
            }
            catch (GitSourceException exception)
            {
                var message = SecretScrubber.Scrub(exception.Message, target.Token);
                _logger.LogWarning("Checkout of {Repository} at {Sha} failed: {Reason}", target.Repository, target.Sha, message);
                throw new GitSourceException(message);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new GitSourceException($"cannot write the checkout of {target.Repository} at {target.Sha}: {SecretScrubber.Scrub(exception.Message, target.Token)}");
            }
        }
        return final;
    }

    public async Task PruneAsync(string repository, IReadOnlySet<string> keepShas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keepShas);
        var name = RepositoryName.Parse(repository);
        var keep = keepShas.Select(sha => sha.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        using (await _locks.AcquireAsync(name, cancellationToken))
        {
            var removed = 0;
            var folder = _folders.CheckoutsOf(name);
            if (Directory.Exists(folder))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder).ToList())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var entryName = Path.GetFileName(entry);
                    if (CheckoutFolders.IsTemporary(entry))
                    {
                        CheckoutFolders.DeleteTemporary(entry);
                    }
                    else if (IsSha(entryName) && !keep.Contains(entryName))
                    {
                        _folders.DeleteAtomically(entry);
                        removed++;
                    }
                }
            }

            var cache = new GitCache(_git, _options, _folders.Cache(name), _logger);
            if (cache.Exists)
            {
                cache.RemoveStaleLocks();
                await cache.ForgetCommitsExceptAsync(keep, cancellationToken);
            }
            _logger.LogInformation("Pruned {Count} checkouts of {Repository}, kept {Kept}", removed, name, keep.Count);
        }
    }

    /// <summary>Writes the tree into a temporary folder beside <paramref name="final"/> and renames it into place.</summary>
    private async Task MaterialiseAsync(GitCache cache, CheckoutTarget target, string final, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var temporary = _folders.NewTemporary(parent, target.Sha);
        var index = temporary + ".index";
        try
        {
            Directory.CreateDirectory(temporary);
            await cache.WriteTreeAsync(target.Sha, temporary, index, cancellationToken);
            Directory.Move(temporary, final);
        }
        finally
        {
            CheckoutFolders.DeleteTemporary(index);
            CheckoutFolders.DeleteTemporary(index + ".lock");
            if (Directory.Exists(temporary))
                CheckoutFolders.DeleteTemporary(temporary);
        }
        _logger.LogInformation("Checked out {Repository} at {Sha} into {Path} in {ElapsedMs} ms",
            target.Repository, target.Sha, final, (long)_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    private static bool IsSha(string name) => name.Length == 40 && name.All(char.IsAsciiHexDigitLower);
}
