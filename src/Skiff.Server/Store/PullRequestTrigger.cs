using Skiff.Core.PullRequests;

namespace Skiff.Server.Store;

/// <summary>What one accepted pull_request delivery asks the store to record.</summary>
public sealed record PullRequestTrigger
{
    public required string DeliveryId { get; init; }

    public required string Action { get; init; }

    public required string Environment { get; init; }

    public required string Repository { get; init; }

    public required long Number { get; init; }

    public required string HeadSha { get; init; }

    public required string CloneUrl { get; init; }

    public string? Author { get; init; }

    public string? Title { get; init; }

    public bool FromFork { get; init; }

    public required PullRequestDecision Decision { get; init; }
}

/// <summary>What recording a trigger did.</summary>
public enum TriggerOutcome
{
    /// <summary>The delivery id was seen before: nothing changed.</summary>
    Duplicate,

    /// <summary>Desired state changed (or was confirmed); the environment must be reconciled.</summary>
    Recorded,

    /// <summary>Nothing to change: no environment exists and none is wanted.</summary>
    NothingToDo,
}
