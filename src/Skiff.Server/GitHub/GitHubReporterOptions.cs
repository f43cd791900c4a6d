namespace Skiff.Server.GitHub;

/// <summary>How <see cref="GitHubPullRequestReporter"/> delivers: parallelism and the bounds of its retries.</summary>
public sealed record GitHubReporterOptions
{
    /// <summary>Pull requests delivered at the same time; one pull request is always delivered by one worker at a time.</summary>
    public int MaxParallelDeliveries { get; init; } = 4;

    /// <summary>Tries of one API call (the first one included) before it is given up.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait after the first failure; it doubles with each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one API call may take with all its retries. A wait GitHub asks for (Retry-After,
    /// x-ratelimit-reset) that would end later gives the call up at once.
    /// </summary>
    public TimeSpan MaxRetryDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after a secondary rate limit that came without Retry-After (GitHub asks for at least a minute).</summary>
    public TimeSpan SecondaryRateLimitWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The limit of one HTTP request to GitHub.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deployment status's log_url, with <c>{environment}</c> replaced by the environment name
    /// (for example <c>http://skiff.example:7070/api/v1/environments/{environment}</c>); none when null.
    /// </summary>
    public string? LogUrlTemplate { get; init; }

    /// <summary>Throws with a clear message when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxParallelDeliveries < 1)
            throw new ArgumentException($"{nameof(MaxParallelDeliveries)} must be at least 1 (it is {MaxParallelDeliveries})");
        if (MaxAttempts < 1)
            throw new ArgumentException($"{nameof(MaxAttempts)} must be at least 1 (it is {MaxAttempts})");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
            throw new ArgumentException($"{nameof(InitialBackoff)} must be at least zero and at most {nameof(MaxBackoff)}");
        if (MaxRetryDuration < TimeSpan.Zero || SecondaryRateLimitWait < TimeSpan.Zero)
            throw new ArgumentException($"{nameof(MaxRetryDuration)} and {nameof(SecondaryRateLimitWait)} must not be negative");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"{nameof(RequestTimeout)} must be positive");
    }

    internal string? LogUrlFor(string environment) =>
        LogUrlTemplate?.Replace("{environment}", Uri.EscapeDataString(environment), StringComparison.Ordinal);
}
