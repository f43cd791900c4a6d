using Skiff.Core.Environments;
using static Skiff.Core.Environments.DesiredState;
using static Skiff.Core.Environments.EnvironmentTrigger;
using static Skiff.Core.Environments.LifecycleOutcome;

namespace Skiff.Core.Tests.Environments;

/// <summary>The whole transition table: every trigger from every stored state, held or not.</summary>
public class EnvironmentLifecycleTests
{
    public static TheoryData<EnvironmentTrigger, DesiredState?, bool, LifecycleOutcome, DesiredState?> Table() => new()
    {
        // trigger, stored state (null: none), held, outcome, desired state after
        { Run, null, false, Change, Running },
        { Run, Running, false, Change, Running },
        { Run, Suspended, false, Change, Running },
        { Run, Absent, false, Change, Running },
        { Suspend, null, false, NotFound, null },
        { Suspend, Running, false, Change, Suspended },
        { Suspend, Suspended, false, Unchanged, Suspended },
        { Suspend, Suspended, true, Change, Suspended },
        { Suspend, Absent, false, Refused, null },
        { Resume, null, false, NotFound, null },
        { Resume, Suspended, false, Change, Running },
        { Resume, Running, false, Unchanged, Running },
        { Resume, Running, true, Change, Running },
        { Resume, Absent, false, Refused, null },
        { Wake, Suspended, false, Change, Running },
        { Wake, Running, false, Unchanged, Running },
        { Wake, Absent, false, Refused, null },
        { Wake, null, false, NotFound, null },
        { IdleSuspend, Running, false, Change, Suspended },
        { IdleSuspend, Running, true, Unchanged, Running },
        { IdleSuspend, Suspended, false, Unchanged, Suspended },
        { IdleSuspend, Absent, false, Unchanged, Absent },
        { BudgetSuspend, Running, false, Change, Suspended },
        { BudgetSuspend, Running, true, Unchanged, Running },
        { BudgetSuspend, Suspended, false, Unchanged, Suspended },
        { Extend, Running, false, Unchanged, Running },
        { Extend, Suspended, false, Unchanged, Suspended },
        { Extend, Absent, false, Refused, null },
        { Extend, null, false, NotFound, null },
        { Remove, Running, false, Change, Absent },
        { Remove, Suspended, true, Change, Absent },
        { Remove, Absent, false, Unchanged, Absent },
        { Remove, null, false, NotFound, null },
        { Expire, Running, false, Change, Absent },
        { Expire, Suspended, false, Change, Absent },
        { Expire, Absent, false, Unchanged, Absent },
        { JanitorRemove, Running, false, Change, Absent },
        { JanitorRemove, Absent, false, Unchanged, Absent },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_trigger_from_each_state(EnvironmentTrigger trigger, DesiredState? stored, bool held, LifecycleOutcome outcome, DesiredState? after)
    {
        var decision = EnvironmentLifecycle.Decide(stored, held, trigger);

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(after, decision.To);
        Assert.Equal(outcome == Change, decision.Changes);
        if (outcome == Refused)
            Assert.Equal("it is being removed", decision.Reason);
    }

    [Fact]
    public void Every_trigger_from_every_state_has_an_answer_and_every_change_an_event_kind()
    {
        foreach (var trigger in Enum.GetValues<EnvironmentTrigger>())
        {
            foreach (var stored in new DesiredState?[] { null, Running, Suspended, Absent })
            {
                foreach (var held in new[] { false, true })
                {
                    var decision = EnvironmentLifecycle.Decide(stored, held, trigger);
                    if (decision.Changes)
                        Assert.False(string.IsNullOrEmpty(decision.EventKind), $"{trigger} from {stored}");
                }
            }
        }
    }

    [Theory]
    [InlineData(IdleSuspend, "idle")]
    [InlineData(BudgetSuspend, "budget")]
    [InlineData(Expire, "expired")]
    [InlineData(JanitorRemove, "janitor")]
    [InlineData(Wake, "woken")]
    public void The_event_kind_says_what_asked(EnvironmentTrigger trigger, string kind)
    {
        var stored = trigger == Wake ? Suspended : Running;
        Assert.Equal(kind, EnvironmentLifecycle.Decide(stored, held: false, trigger).EventKind);
    }
}
