namespace Skiff.Core.Deploy;

/// <summary>
/// How long each phase of a deploy took. Source: reading the source and spec and hashing build
/// contexts. Build: building (or pulling) every image that was missing. Start: from the first
/// container start to the last (including waits for dependencies). Healthy: from the last start
/// until every service was ready.
/// </summary>
public sealed record DeployTimings(TimeSpan Source, TimeSpan Build, TimeSpan Start, TimeSpan Healthy)
{
    public static DeployTimings Zero { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan Total => Source + Build + Start + Healthy;
}
