using System.Collections.Immutable;
using Skiff.Core.Deploy;

namespace Skiff.Server.Serving;

/// <summary>What the router and the API know about one environment right now: an immutable snapshot replaced with <c>with</c>.</summary>
public sealed record EnvironmentView
{
    public required string Name { get; init; }

    /// <summary>The service answering at the environment URL.</summary>
    public string? PublicService { get; init; }

    /// <summary>The services currently serving (the old version until the new one is switched over).</summary>
    public ImmutableArray<ServiceSnapshot> Serving { get; init; } = [];

    /// <summary>Live progress of a deploy in flight, by service; empty when none runs.</summary>
    public ImmutableDictionary<string, ServiceSnapshot> Progress { get; init; } = ImmutableDictionary<string, ServiceSnapshot>.Empty;
}
