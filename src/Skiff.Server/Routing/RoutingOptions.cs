namespace Skiff.Server.Routing;

/// <summary>How the router lets a replaced container go.</summary>
public sealed record RoutingOptions
{
    /// <summary>The longest a replaced container keeps answering requests it already took before it is removed anyway.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the drain looks at the proxy's state and the in-flight counts.</summary>
    public TimeSpan DrainPoll { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long no request may be in flight before the drain is done (covers a request choosing its destination at the moment of the switch).</summary>
    public TimeSpan DrainSettle { get; init; } = TimeSpan.FromMilliseconds(50);
}
