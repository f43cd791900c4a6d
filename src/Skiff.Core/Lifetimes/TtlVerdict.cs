namespace Skiff.Core.Lifetimes;

/// <summary>Where an environment stands against its TTL.</summary>
/// <param name="ExpiresAt">When it expires; null for <see cref="TtlState.Never"/>.</param>
/// <param name="Remaining">Time left (zero once expired); null for <see cref="TtlState.Never"/>.</param>
public sealed record TtlVerdict(TtlState State, DateTimeOffset? ExpiresAt, TimeSpan? Remaining)
{
    public static TtlVerdict Never { get; } = new(TtlState.Never, null, null);
}
