namespace Skiff.Core.Lifetimes;

public enum TtlState
{
    /// <summary>Within its TTL and not yet near the end.</summary>
    Alive,

    /// <summary>Within the warning lead of its expiry: the PR comment says so.</summary>
    Warn,

    /// <summary>Past its expiry: the janitor removes it.</summary>
    Expired,

    /// <summary>No TTL, or extended for ever.</summary>
    Never,
}
