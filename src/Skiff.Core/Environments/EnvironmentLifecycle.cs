namespace Skiff.Core.Environments;

/// <summary>
/// The one table of which trigger may change an environment's desired state, from which state, to
/// what, and under which event kind it is recorded. Everything that changes desired state asks here
/// first (through the server's one writer); the reconciler then makes it so.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Running a source creates the environment or moves it to Running from any state, a removal
/// in progress included (a pull request reopened while its environment goes away).</item>
/// <item>Suspend, resume and wake act on an environment that is not being removed; asking for the
/// state it has changes nothing, except on a held one (its last reconcile failed on its own data),
/// which is tried again.</item>
/// <item>Idle and budget suspends act only on an environment that should run and is not held.</item>
/// <item>Removal, expiry and the janitor's removal move anything not already going to Absent.</item>
/// <item>Extend keeps the desired state; a removal in progress refuses it.</item>
/// </list>
/// </remarks>
public static class EnvironmentLifecycle
{
    /// <param name="current">The stored desired state, or null when there is no such environment.</param>
    /// <param name="held">The environment is held: its current generation failed on its own data.</param>
    public static LifecycleDecision Decide(DesiredState? current, bool held, EnvironmentTrigger trigger)
    {
        if (current is null)
            return trigger == EnvironmentTrigger.Run ? Change(DesiredState.Running, "run") : new(LifecycleOutcome.NotFound);
        var state = current.Value;
        return trigger switch
        {
            EnvironmentTrigger.Run => Change(DesiredState.Running, "run"),
            EnvironmentTrigger.Suspend => ByHand(state, held, DesiredState.Suspended, "suspend"),
            EnvironmentTrigger.Resume => ByHand(state, held, DesiredState.Running, "resume"),
            EnvironmentTrigger.Wake => ByHand(state, held, DesiredState.Running, "woken"),
            EnvironmentTrigger.IdleSuspend => Automatic(state, held, "idle"),
            EnvironmentTrigger.BudgetSuspend => Automatic(state, held, "budget"),
            EnvironmentTrigger.Extend => state == DesiredState.Absent ? BeingRemoved : new(LifecycleOutcome.Unchanged, state, "ttl"),
            EnvironmentTrigger.Remove => Removal(state, "remove"),
            EnvironmentTrigger.Expire => Removal(state, "expired"),
            EnvironmentTrigger.JanitorRemove => Removal(state, "janitor"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "not a trigger"),
        };
    }

    private static readonly LifecycleDecision BeingRemoved = new(LifecycleOutcome.Refused, Reason: "it is being removed");

    private static LifecycleDecision Change(DesiredState to, string eventKind) => new(LifecycleOutcome.Change, to, eventKind);

    private static LifecycleDecision ByHand(DesiredState state, bool held, DesiredState to, string eventKind) =>
        state == DesiredState.Absent ? BeingRemoved
        : state != to || held ? Change(to, eventKind)
        : new(LifecycleOutcome.Unchanged, state);

    private static LifecycleDecision Automatic(DesiredState state, bool held, string eventKind) =>
        state == DesiredState.Running && !held ? Change(DesiredState.Suspended, eventKind) : new(LifecycleOutcome.Unchanged, state);

    private static LifecycleDecision Removal(DesiredState state, string eventKind) =>
        state == DesiredState.Absent ? new(LifecycleOutcome.Unchanged, state) : Change(DesiredState.Absent, eventKind);
}
