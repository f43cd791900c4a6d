namespace Skiff.Server.Store;

/// <summary>One entry of an environment's history: a webhook received, a deploy started or finished, a failure.</summary>
public sealed class EventRecord
{
    public long Id { get; set; }

    public required string EnvironmentName { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>webhook, deploy, failure, feedback, removed, ...</summary>
    public required string Kind { get; set; }

    public required string Message { get; set; }

    /// <summary>Who asked, for a change of desired state (<see cref="Core.Environments.Actor"/>); null for what the server reports itself.</summary>
    public string? Actor { get; set; }
}
