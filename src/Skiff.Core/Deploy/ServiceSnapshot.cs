using System.Collections.Immutable;

namespace Skiff.Core.Deploy;

/// <summary>An immutable view of one service during or after a deploy; replaced with <c>with</c>.</summary>
public sealed record ServiceSnapshot
{
    public required string Name { get; init; }

    public ServiceStatus Status { get; init; } = ServiceStatus.Pending;

    public string? ContainerId { get; init; }

    public string? Image { get; init; }

    public string? Hash { get; init; }

    /// <summary>Container port → host port on 127.0.0.1.</summary>
    public ImmutableDictionary<int, int> PublishedPorts { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Where the router forwards the service's requests, as the runtime gives it (a URL); null when it publishes no port.</summary>
    public string? Endpoint { get; init; }

    /// <summary>A short human note: what it waits for, or why it failed.</summary>
    public string? Message { get; init; }
}
