using System.Collections.Immutable;

namespace Skiff.Core.Runtime;

/// <summary>A build of one image from a context folder.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The absolute path of the context folder; files matched by its .dockerignore are left out.</summary>
    public required string Context { get; init; }

    /// <summary>Relative to <see cref="Context"/>.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    public required string Tag { get; init; }

    public ImmutableSortedDictionary<string, string> Args { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string? Target { get; init; }

    /// <summary>Labels put on the image (the environment and service that first built it).</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
