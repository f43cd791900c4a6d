namespace Skiff.Server.Costs;

/// <summary>How the cost meter samples.</summary>
public sealed record CostMeterOptions
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Time between two samples of every environment (at least <see cref="MinimumInterval"/>).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);
}
