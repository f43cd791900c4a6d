namespace Skiff.Core.Environments;

/// <summary>
/// Who or what asked for a change of desired state, as the environment's history records it:
/// <c>api</c>, <c>github:&lt;delivery id&gt;</c>, <c>request</c>, <c>ttl</c>, <c>idle</c>,
/// <c>budget</c>, <c>janitor</c> (and, with sign-in, a user).
/// </summary>
public sealed record Actor(string Name)
{
    public static Actor Api { get; } = new("api");

    /// <summary>A request to the environment's URL (waking it).</summary>
    public static Actor Request { get; } = new("request");

    public static Actor Ttl { get; } = new("ttl");

    public static Actor Idle { get; } = new("idle");

    public static Actor Budget { get; } = new("budget");

    public static Actor Janitor { get; } = new("janitor");

    /// <summary>A verified webhook delivery.</summary>
    public static Actor GitHub(string delivery) => new($"github:{delivery}");

    public override string ToString() => Name;
}
