using System.Collections.Immutable;
using Skiff.Server.GitHub;

namespace Skiff.Server.Janitor;

/// <summary>Everything a janitor pass decides from, read at one moment.</summary>
public sealed record JanitorFacts
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The store's environments, by name.</summary>
    public ImmutableDictionary<string, EnvironmentFact> Environments { get; init; } = ImmutableDictionary<string, EnvironmentFact>.Empty;

    /// <summary>Environments with labelled engine objects and no record (within the orphan prefix).</summary>
    public ImmutableArray<EngineLeftover> Leftovers { get; init; } = [];

    /// <summary>Names the reconcile queue holds or works on right now.</summary>
    public ImmutableHashSet<string> Busy { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Deploy rows still marked Running.</summary>
    public ImmutableArray<RunningDeployment> RunningDeployments { get; init; } = [];

    /// <summary>What GitHub said of the pull requests looked up in this pass, by environment name.</summary>
    public ImmutableDictionary<string, PullRequestStatus> PullRequests { get; init; } = ImmutableDictionary<string, PullRequestStatus>.Empty;

    /// <summary>False when the server runs without a reconciler: requeueing would do nothing.</summary>
    public bool ReconcilerRunning { get; init; } = true;
}

/// <summary>The part of an environment's record the janitor looks at.</summary>
public sealed record EnvironmentFact(string Name, Core.Environments.DesiredState Desired, Core.Environments.EnvironmentPhase Phase, long Generation, DateTimeOffset UpdatedAt)
{
    /// <summary><c>owner/name</c> for a PR environment.</summary>
    public string? Repository { get; init; }

    public long? PullRequest { get; init; }

    public bool IsPullRequest => Repository is not null && PullRequest is not null;
}

/// <summary>What the engine holds for a name the store does not know.</summary>
/// <param name="NewestContainerAt">When its newest container was created; null when it has none (or the engine does not say).</param>
/// <param name="FirstSeenAt">When this server first saw the name on the engine without a record.</param>
public sealed record EngineLeftover(string Name, int Containers, int Networks, int Volumes, DateTimeOffset? NewestContainerAt, DateTimeOffset FirstSeenAt)
{
    /// <summary>The age that counts against the grace period: by container when there is one, else since first seen.</summary>
    public DateTimeOffset Since => NewestContainerAt ?? FirstSeenAt;
}

public sealed record RunningDeployment(long Id, string Environment, DateTimeOffset StartedAt);

