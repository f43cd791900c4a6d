using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Core.Environments;
using Skiff.Server.Environments;
using Skiff.Server.Reconciliation;
using Skiff.Server.Tests.Store;

namespace Skiff.Server.Tests.Environments;

/// <summary>The one writer of desired state over a real store: it decides with the lifecycle, writes, records who asked, and queues.</summary>
public sealed class DesiredStateWriterTests
{
    private static (DesiredStateWriter Writer, ReconcileQueue Queue) Writer(TestStore store)
    {
        var queue = new ReconcileQueue();
        return (new DesiredStateWriter(store.Environments, store.Recorder, queue, NullLogger<DesiredStateWriter>.Instance), queue);
    }

    [Fact]
    public async Task A_change_moves_the_generation_records_its_actor_and_queues_the_environment()
    {
        await using var store = await TestStore.CreateAsync();
        var (writer, queue) = Writer(store);
        var created = await writer.RunFolderAsync("app", "/srv/app", Actor.Api, CancellationToken.None);
        await queue.TakeAsync(CancellationToken.None);
        queue.Complete("app");

        var change = await writer.RequestAsync("app", EnvironmentTrigger.Suspend, Actor.Api, null, CancellationToken.None);

        Assert.Equal(LifecycleOutcome.Change, change.Outcome);
        Assert.Equal((DesiredState.Suspended, created.Generation + 1), (change.Record!.Desired, change.Record.Generation));
        Assert.True(queue.IsBusy("app"));
        var history = await store.Environments.ListEventsAsync("app", 10, CancellationToken.None);
        Assert.Equal(("suspend", "api"), (history[0].Kind, history[0].Actor));
        Assert.Equal(("run", "api"), (history[1].Kind, history[1].Actor));
    }

    [Fact]
    public async Task A_refused_or_unchanged_request_writes_and_queues_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var (writer, queue) = Writer(store);
        await writer.RunFolderAsync("app", "/srv/app", Actor.Api, CancellationToken.None);
        await writer.RequestAsync("app", EnvironmentTrigger.Remove, Actor.Api, null, CancellationToken.None);
        await queue.TakeAsync(CancellationToken.None);
        queue.Complete("app");
        var before = (await store.Environments.FindAsync("app", CancellationToken.None))!;
        var events = (await store.Environments.ListEventsAsync("app", 10, CancellationToken.None)).Count;

        var suspend = await writer.RequestAsync("app", EnvironmentTrigger.Suspend, Actor.Api, null, CancellationToken.None);
        var removeAgain = await writer.RequestAsync("app", EnvironmentTrigger.Remove, Actor.Api, null, CancellationToken.None);
        var extend = await writer.ExtendAsync("app", DateTimeOffset.UtcNow.AddDays(1), Actor.Api, "extended", CancellationToken.None);

        Assert.Equal((LifecycleOutcome.Refused, "it is being removed"), (suspend.Outcome, suspend.Decision.Reason));
        Assert.Equal(LifecycleOutcome.Unchanged, removeAgain.Outcome);
        Assert.Equal(LifecycleOutcome.Refused, extend.Outcome);
        var after = (await store.Environments.FindAsync("app", CancellationToken.None))!;
        Assert.Equal((before.Generation, before.Desired, before.ExtendedUntil), (after.Generation, after.Desired, after.ExtendedUntil));
        Assert.Equal(events, (await store.Environments.ListEventsAsync("app", 10, CancellationToken.None)).Count);
        Assert.False(queue.IsBusy("app"));
    }

    [Fact]
    public async Task An_unknown_environment_is_not_found()
    {
        await using var store = await TestStore.CreateAsync();
        var (writer, _) = Writer(store);

        Assert.Equal(LifecycleOutcome.NotFound, (await writer.RequestAsync("nothing", EnvironmentTrigger.Resume, Actor.Api, null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_guarded_request_yields_to_a_change_made_since_the_guard_was_read()
    {
        await using var store = await TestStore.CreateAsync();
        var (writer, _) = Writer(store);
        var first = await writer.RunFolderAsync("app", "/srv/app", Actor.Api, CancellationToken.None);
        await writer.RunFolderAsync("app", "/srv/app", Actor.Api, CancellationToken.None);

        var stale = await writer.RequestAsync("app", EnvironmentTrigger.JanitorRemove, Actor.Janitor, "closed", CancellationToken.None, ifGeneration: first.Generation);
        var current = await writer.RequestAsync("app", EnvironmentTrigger.JanitorRemove, Actor.Janitor, "closed", CancellationToken.None, ifGeneration: first.Generation + 1);

        Assert.False(stale.Decision.Changes);
        Assert.True(current.Decision.Changes);
        Assert.Equal(DesiredState.Absent, current.Record!.Desired);
        var removal = Assert.Single(await store.Environments.ListEventsAsync("app", 10, CancellationToken.None), e => e.Kind == "janitor");
        Assert.Equal(("closed", "janitor"), (removal.Message, removal.Actor));
    }

    [Fact]
    public async Task A_resume_of_a_held_environment_tries_it_again()
    {
        await using var store = await TestStore.CreateAsync();
        var (writer, _) = Writer(store);
        var record = await writer.RunFolderAsync("app", "/srv/app", Actor.Api, CancellationToken.None);
        await store.Environments.HoldAsync("app", record.Generation, "no source", CancellationToken.None);

        var resume = await writer.RequestAsync("app", EnvironmentTrigger.Resume, Actor.Api, null, CancellationToken.None);
        var idle = await writer.RequestAsync("app", EnvironmentTrigger.IdleSuspend, Actor.Idle, null, CancellationToken.None);

        Assert.Equal((LifecycleOutcome.Change, record.Generation + 1), (resume.Outcome, resume.Record!.Generation));
        Assert.Equal(LifecycleOutcome.Change, idle.Outcome);
    }
}
