using Microsoft.Extensions.Logging;

namespace Skiff.Server.GitHub;

/// <summary>
/// Runs one API call with retries: 5xx, network errors and rate limits are retried with exponential
/// backoff (at least as long as GitHub's Retry-After or x-ratelimit-reset asks), bounded by
/// <see cref="GitHubReporterOptions.MaxAttempts"/> and <see cref="GitHubReporterOptions.MaxRetryDuration"/>;
/// any other answer gives the call up at once with a <see cref="GitHubDeliveryException"/>.
/// </summary>
internal sealed class GitHubRetry(GitHubReporterOptions options, TimeProvider time, ILogger logger)
{
    public async Task<T> RunAsync<T>(string operation, PullRequestKey key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                return await call();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not GitHubDeliveryException)
            {
                var failure = GitHubFailure.Classify(e, time.GetUtcNow());
                if (!failure.Retriable)
                    throw new GitHubDeliveryException(operation, failure, e);
                var delay = DelayBefore(attempt + 1, failure);
                var elapsed = time.GetElapsedTime(started);
                if (attempt >= options.MaxAttempts)
                    throw new GitHubDeliveryException(operation, failure with { Description = $"{failure.Description} (gave up after {attempt} attempts)" }, e);
                if (elapsed + delay > options.MaxRetryDuration)
                    throw new GitHubDeliveryException(operation, failure with { Description = $"{failure.Description} (gave up: the next try would be after {(int)(elapsed + delay).TotalSeconds} s)" }, e);
                GitHubReporterLog.Retrying(logger, key.ToString(), operation, failure.Description, attempt, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    public Task RunAsync(string operation, PullRequestKey key, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, key, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>The wait before try number <paramref name="attempt"/> (2 for the first retry).</summary>
    private TimeSpan DelayBefore(int attempt, GitHubFailure failure)
    {
        var backoff = options.InitialBackoff * Math.Pow(2, Math.Min(attempt - 2, 30));
        if (backoff > options.MaxBackoff)
            backoff = options.MaxBackoff;
        if (failure.SecondaryRateLimit && backoff < options.SecondaryRateLimitWait)
            backoff = options.SecondaryRateLimitWait;
        return failure.RetryAfter is { } asked && asked > backoff ? asked : backoff;
    }
}
