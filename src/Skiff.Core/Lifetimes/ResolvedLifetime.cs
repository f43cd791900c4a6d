using System.Collections.Immutable;

namespace Skiff.Core.Lifetimes;

/// <summary>The TTL and idle-suspend period one environment runs with; null means never.</summary>
/// <param name="Ttl">Time to live after the last deploy or request; null for never.</param>
/// <param name="Idle">Time without a request before suspending; null for never.</param>
public sealed record ResolvedLifetime(TimeSpan? Ttl, TimeSpan? Idle)
{
    /// <summary>One line per value that was capped, saying what was asked and what is used (for the history).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    public bool Equals(ResolvedLifetime? other) =>
        other is not null && Ttl == other.Ttl && Idle == other.Idle && Notes.SequenceEqual(other.Notes);

    public override int GetHashCode() => HashCode.Combine(Ttl, Idle, Notes.Length);
}
