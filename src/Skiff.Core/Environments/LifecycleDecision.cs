namespace Skiff.Core.Environments;

/// <summary>What a trigger does to an environment, decided by <see cref="EnvironmentLifecycle"/> before anything is written.</summary>
public enum LifecycleOutcome
{
    /// <summary>The desired state becomes <see cref="LifecycleDecision.To"/> and the generation moves on: the reconciler acts.</summary>
    Change,

    /// <summary>It already is so: nothing is written and nothing queued (an event may still be recorded).</summary>
    Unchanged,

    /// <summary>Not allowed now (<see cref="LifecycleDecision.Reason"/> says why); nothing is written.</summary>
    Refused,

    /// <summary>There is no such environment.</summary>
    NotFound,
}

/// <param name="To">The desired state after the trigger (for <see cref="LifecycleOutcome.Change"/>, and what it stays for Unchanged).</param>
/// <param name="EventKind">The kind of the history event recorded with the change (null: none).</param>
/// <param name="Reason">Why a refusal, in one line.</param>
public sealed record LifecycleDecision(LifecycleOutcome Outcome, DesiredState? To = null, string? EventKind = null, string? Reason = null)
{
    public bool Changes => Outcome == LifecycleOutcome.Change;
}
