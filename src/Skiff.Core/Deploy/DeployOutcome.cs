using System.Collections.Immutable;

namespace Skiff.Core.Deploy;

/// <summary>The result of one deploy: either every service is ready, or the previous version still serves and <see cref="Failure"/> says why.</summary>
public sealed record DeployOutcome
{
    public required bool Succeeded { get; init; }

    public DeployFailure? Failure { get; init; }

    public required DeployTimings Timings { get; init; }

    /// <summary>The services as they are after the deploy (on failure: the version still running).</summary>
    public ImmutableArray<ServiceSnapshot> Services { get; init; } = [];

    /// <summary>How many containers were created, started or replaced (zero for a no-op).</summary>
    public int ContainersChanged { get; init; }

    /// <summary>True when the seed ran in this deploy.</summary>
    public bool Seeded { get; init; }
}
