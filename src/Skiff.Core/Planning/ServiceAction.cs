namespace Skiff.Core.Planning;

/// <summary>What a deploy does with one service.</summary>
public enum ServiceAction
{
    /// <summary>A ready container with the same hash runs: leave it alone.</summary>
    Keep,

    /// <summary>A container with the same hash runs but was never seen ready (an interrupted deploy): wait for it.</summary>
    Adopt,

    /// <summary>A container with the same hash exists but is stopped (suspended or crashed): start it.</summary>
    Start,

    /// <summary>No container runs for the service yet.</summary>
    Create,

    /// <summary>A container with another hash runs: replace it.</summary>
    Replace,
}
