namespace Skiff.Core.Lifetimes;

/// <summary>
/// How long environments live and when they sleep (server configuration <c>environments:</c>,
/// overridden per repository, then by the app's skiff.yaml within the limits).
/// </summary>
public sealed record LifetimeSettings
{
    /// <summary>Time to live after the last deploy or the last request, whichever is later.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long without a request before an environment is suspended.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long before expiry the PR comment warns.</summary>
    public TimeSpan TtlWarning { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The longest TTL an app (skiff.yaml) or <c>skiff extend</c> may ask for.</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Whether <c>ttl: never</c> (and <c>idle: never</c>) are honoured; if not they are capped at <see cref="MaxTtl"/> (and the default idle).</summary>
    public bool AllowNever { get; init; }
}
