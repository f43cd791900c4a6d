namespace Skiff.Core.Specs;

/// <summary>A named volume. Every environment gets its own copy; it survives updates and suspends.</summary>
/// <param name="Name">The name used in service mounts.</param>
/// <param name="External">Compose <c>external: true</c>: refused by Skiff (environments are isolated).</param>
public sealed record VolumeSpec(string Name, bool External = false)
{
    /// <summary>Where the volume was declared, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }
}
