using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>How to build a service's image.</summary>
public sealed record BuildSpec
{
    /// <summary>The absolute path of the build context folder.</summary>
    public required string Context { get; init; }

    /// <summary>The Dockerfile path relative to <see cref="Context"/> (default <c>Dockerfile</c>).</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    public ImmutableSortedDictionary<string, string> Args { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The build stage to stop at, or null for the last one.</summary>
    public string? Target { get; init; }

    /// <summary>Where the <c>build</c> key was written, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }
}
