using Microsoft.Extensions.Logging;

namespace Skiff.Server.Sources;

/// <summary>
/// Gets one commit into a cache: nothing to do when it is there already; otherwise a shallow fetch of
/// the commit id, and when the server refuses that, a shallow fetch of the request's ref, which must
/// then be at exactly that commit.
/// </summary>
internal sealed class CommitFetcher(AskPass askPass, TimeProvider time, ILogger logger)
{
    public async Task EnsureCommitAsync(GitCache cache, CheckoutTarget target, CancellationToken cancellationToken)
    {
        if (await cache.HasCommitAsync(target.Sha, cancellationToken))
        {
            logger.LogDebug("Commit {Sha} of {Repository} is in the cache already", target.Sha, target.Repository);
            return;
        }

        var started = time.GetTimestamp();
        var environment = target.Token is { } token ? askPass.EnvironmentFor(token) : null;
        var byId = await cache.FetchCommitAsync(target, environment, cancellationToken);
        if (!byId.Succeeded)
        {
            var reason = Scrub(byId.Summary, target);
            if (target.Ref is not { } reference)
                throw Failure(target, $"cannot fetch {target.Sha} from {target.DisplayUrl}: {reason}");
            logger.LogInformation("Fetching {Sha} of {Repository} by id failed ({Reason}); fetching {Ref}", target.Sha, target.Repository, reason, reference);
            await FetchThroughRefAsync(cache, target, reference, reason, environment, cancellationToken);
        }
        logger.LogInformation("Fetched {Sha} of {Repository} from {Url} in {ElapsedMs} ms",
            target.Sha, target.Repository, target.DisplayUrl, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task FetchThroughRefAsync(
        GitCache cache, CheckoutTarget target, string reference, string byIdReason, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var (fetch, tip) = await cache.FetchRefAsync(target, reference, environment, cancellationToken);
        if (tip is null)
        {
            throw Failure(target, $"cannot fetch {target.Sha} from {target.DisplayUrl}: {byIdReason}; nor {reference}: {Scrub(fetch.Summary, target)}");
        }
        if (!string.Equals(tip, target.Sha, StringComparison.OrdinalIgnoreCase))
        {
            await cache.ForgetFetchedAsync(cancellationToken);
            throw Failure(target, $"{reference} is at {tip}, not {target.Sha} (fetching {target.Sha} by id failed: {byIdReason})");
        }
        await cache.KeepFetchedAsync(target.Sha, cancellationToken);
    }

    private static string Scrub(string text, CheckoutTarget target) => SecretScrubber.Scrub(text, target.Token);

    private static GitSourceException Failure(CheckoutTarget target, string message) => new(Scrub(message, target));
}
