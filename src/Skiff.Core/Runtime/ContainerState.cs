using System.Collections.Immutable;

namespace Skiff.Core.Runtime;

/// <summary>A snapshot of one container as the engine reports it.</summary>
public sealed record ContainerState
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    /// <summary>The <c>dev.skiff.hash</c> label: the hash of the service's spec and build context.</summary>
    public required string Hash { get; init; }

    public required string Image { get; init; }

    /// <summary>The <c>dev.skiff.source</c> label, if any.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>The engine's state word: created, running, exited, paused, ...</summary>
    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Container port → host port on 127.0.0.1.</summary>
    public ImmutableDictionary<int, int> PublishedPorts { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Where the router sends the service's requests (its lowest published port, as a URL); null when it publishes none.</summary>
    public string? Endpoint { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public bool IsRunning => Status == "running";
}
