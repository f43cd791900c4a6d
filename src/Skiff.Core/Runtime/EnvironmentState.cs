using System.Collections.Immutable;

namespace Skiff.Core.Runtime;

/// <summary>What an engine holds for one environment, read from its labels.</summary>
public sealed record EnvironmentState
{
    public required string Environment { get; init; }

    public ImmutableArray<ContainerState> Containers { get; init; } = [];

    public ImmutableArray<string> Networks { get; init; } = [];

    /// <summary>The Compose-level volume names (not the engine names).</summary>
    public ImmutableArray<string> Volumes { get; init; } = [];

    public bool IsEmpty => Containers.IsDefaultOrEmpty && Networks.IsDefaultOrEmpty && Volumes.IsDefaultOrEmpty;
}
