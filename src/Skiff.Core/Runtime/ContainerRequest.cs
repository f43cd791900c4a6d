using System.Collections.Immutable;

namespace Skiff.Core.Runtime;

/// <summary>Everything a driver needs to run one container of an environment.</summary>
public sealed record ContainerRequest
{
    public required string Environment { get; init; }

    public required string Service { get; init; }

    public required string Name { get; init; }

    public required string Image { get; init; }

    /// <summary>Becomes the <c>dev.skiff.hash</c> label.</summary>
    public required string Hash { get; init; }

    /// <summary>Becomes the <c>dev.skiff.source</c> label: the folder its bind mounts and files come from. Not part of the hash.</summary>
    public string? SourceDirectory { get; init; }

    public ImmutableArray<string>? Command { get; init; }

    public ImmutableArray<string>? Entrypoint { get; init; }

    public ImmutableSortedDictionary<string, string> EnvironmentVariables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    /// <summary>Container ports to publish on 127.0.0.1 with a host port the engine picks.</summary>
    public ImmutableArray<PublishedPort> Ports { get; init; } = [];

    /// <summary>Ports to expose without publishing.</summary>
    public ImmutableArray<int> Expose { get; init; } = [];

    public ImmutableArray<ContainerMount> Mounts { get; init; } = [];

    /// <summary>Compose restart policy word (no, always, on-failure[:N], unless-stopped).</summary>
    public string? Restart { get; init; }

    public long? MemoryBytes { get; init; }

    /// <summary>CPU limit in units of 10⁻⁹ CPUs, as the engine API takes it.</summary>
    public long? NanoCpus { get; init; }
}

/// <param name="ContainerPort">The port inside the container.</param>
/// <param name="Protocol">tcp or udp.</param>
public sealed record PublishedPort(int ContainerPort, string Protocol = "tcp");

/// <param name="Source">An engine volume name (for <see cref="Specs.MountType.Volume"/>) or an absolute host path; null for an anonymous volume.</param>
public sealed record ContainerMount(Specs.MountType Type, string? Source, string Target, bool ReadOnly);
