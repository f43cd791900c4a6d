using Skiff.Core.PullRequests;

namespace Skiff.Server.Store;

/// <summary>What one accepted pull_request delivery asks the store to record.</summary>
public sealed record PullRequestTrigger
{
    public required string DeliveryId { get; init; }

    public required string Action { get; init; }

    /// <summary>
    /// The names this pull request's environment may get, in order of preference
    /// (<see cref="Core.PullRequests.PullRequestEnvironmentName.Candidates"/>). A pull request that
    /// has an environment keeps its name; a new one gets the first candidate nobody holds.
    /// </summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required string Repository { get; init; }

    public required long Number { get; init; }

    public required string HeadSha { get; init; }

    public required string CloneUrl { get; init; }

    public string? Author { get; init; }

    public string? Title { get; init; }

    public bool FromFork { get; init; }

    public required PullRequestDecision Decision { get; init; }
}

/// <summary>What recording a trigger did, and to which environment.</summary>
/// <param name="Environment">The pull request's environment; null when it has none and gets none.</param>
/// <param name="Generation">The environment's new generation when desired state changed.</param>
/// <param name="Clash">Why the pull request got no environment although it asked for one (every candidate name is held by another).</param>
public sealed record TriggerRecording(TriggerOutcome Outcome, string? Environment, long? Generation, string? Clash = null);

/// <summary>What recording a trigger did.</summary>
public enum TriggerOutcome
{
    /// <summary>The delivery id was seen before: nothing changed.</summary>
    Duplicate,

    /// <summary>Desired state changed (or was confirmed); the environment must be reconciled.</summary>
    Recorded,

    /// <summary>Nothing to change: no environment exists and none is wanted.</summary>
    NothingToDo,

    /// <summary>Refused: every name the pull request could get belongs to another environment; nothing was overwritten.</summary>
    Clash,
}
