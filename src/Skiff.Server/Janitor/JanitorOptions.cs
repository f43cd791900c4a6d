using Skiff.Server.Configuration;

namespace Skiff.Server.Janitor;

/// <summary>What a janitor pass looks for and how careful it is. <see cref="From"/> takes the <c>janitor:</c> keys of skiff-server.yaml.</summary>
public sealed record JanitorOptions
{
    /// <summary>The time between two scheduled passes; the first one runs one interval after start.</summary>
    public TimeSpan Interval { get; init; } = JanitorSettings.Default.Interval;

    /// <summary>Scheduled passes only report (in the log and each environment's history) what they would do.</summary>
    public bool DryRun { get; init; }

    /// <summary>An environment in Pending, Deploying or Deleting this long with no worker on it is stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Labelled objects younger than this are left alone, so a deploy starting elsewhere is not raced.</summary>
    public TimeSpan OrphanGracePeriod { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many pull requests are looked up on GitHub per pass (the ones checked longest ago first).</summary>
    public int MaxPullRequestChecks { get; init; } = 100;

    /// <summary>Only orphans whose environment name starts with this are collected (empty: all of them).</summary>
    public string OrphanPrefix { get; init; } = "";

    public static JanitorOptions From(JanitorSettings settings) => new JanitorOptions
    {
        Interval = settings.Interval,
        DryRun = settings.DryRun,
    }.Validated();

    /// <summary>True for an environment name the orphan collection may look at.</summary>
    public bool MayCollect(string environment) => environment.StartsWith(OrphanPrefix, StringComparison.Ordinal);

    /// <summary>These options, or an exception that names the value out of range.</summary>
    public JanitorOptions Validated()
    {
        // PeriodicTimer takes at most 2^32-2 ms (about 49 days).
        if (Interval <= TimeSpan.Zero || Interval.TotalMilliseconds > uint.MaxValue - 1)
            throw new ArgumentException($"janitor interval must be positive and at most 49 days (it is {Interval})");
        if (StuckAfter <= TimeSpan.Zero)
            throw new ArgumentException($"janitor {nameof(StuckAfter)} must be positive (it is {StuckAfter})");
        if (OrphanGracePeriod < TimeSpan.Zero)
            throw new ArgumentException($"janitor {nameof(OrphanGracePeriod)} must not be negative (it is {OrphanGracePeriod})");
        if (MaxPullRequestChecks < 0)
            throw new ArgumentException($"janitor {nameof(MaxPullRequestChecks)} must not be negative (it is {MaxPullRequestChecks})");
        return this;
    }
}
