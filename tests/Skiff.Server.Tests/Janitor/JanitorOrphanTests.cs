using Skiff.Server.Janitor;
using Skiff.Server.Tests.EndToEnd;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>Orphan collection against the real engine: labelled leftovers with no record go, nothing else does.</summary>
[Collection(EngineCollection.Name)]
public sealed class JanitorOrphanTests
{
    [Fact]
    public async Task A_pass_removes_exactly_the_orphan()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var orphan = harness.Prefix + "orphan";
        var live = harness.Prefix + "live";
        var plain = harness.Prefix + "plain";
        await harness.CreateLabelledAsync(orphan);
        await harness.Store.RequestRunningAsync(live, "directory", "/srv/app", CancellationToken.None);
        var liveContainer = await harness.CreateLabelledAsync(live);
        await harness.CreateUnlabelledAsync(plain);

        var report = await harness.RunAsync();

        var action = Assert.Single(report.Actions);
        Assert.Equal((JanitorActionKind.Orphan, orphan, null), (action.Kind, action.Environment, action.Error));
        Assert.Contains("1 container, 1 network, 1 volume", action.Detail);
        Assert.False(report.DryRun);
        Assert.True((await harness.Driver.GetStateAsync(orphan, CancellationToken.None)).IsEmpty);
        var liveState = await harness.Driver.GetStateAsync(live, CancellationToken.None);
        Assert.Equal([liveContainer!.Id], liveState.Containers.Select(c => c.Id));
        Assert.Single(liveState.Networks);
        Assert.Equal("data", Assert.Single(liveState.Volumes));
        Assert.Equal((true, true, true), await harness.UnlabelledExistsAsync(plain));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Janitor acted") && l.Contains("Kind=Orphan") && l.Contains($"Environment={orphan}"));
        // An orphan has no record, so no history either.
        Assert.Empty(await harness.Store.ListEventsAsync(orphan, 10, CancellationToken.None));

        var again = await harness.RunAsync();
        Assert.Empty(again.Actions);
    }

    [Fact]
    public async Task A_dry_run_lists_the_orphan_and_changes_nothing()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var orphan = harness.Prefix + "orphan";
        var container = await harness.CreateLabelledAsync(orphan);

        var report = await harness.RunAsync(dryRun: true);

        Assert.True(report.DryRun);
        var action = Assert.Single(report.Actions);
        Assert.Equal((JanitorActionKind.Orphan, orphan), (action.Kind, action.Environment));
        var state = await harness.Driver.GetStateAsync(orphan, CancellationToken.None);
        Assert.Equal([container!.Id], state.Containers.Select(c => c.Id));
        Assert.True(state.Containers[0].IsRunning);
        Assert.Single(state.Networks);
        Assert.Equal("data", Assert.Single(state.Volumes));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("would act") && l.Contains("Kind=Orphan") && l.Contains($"Environment={orphan}"));
    }

    [Fact]
    public async Task Young_objects_wait_for_the_grace_period()
    {
        await using var harness = await JanitorHarness.StartAsync(o => o with { OrphanGracePeriod = TimeSpan.FromMinutes(2) });
        var withContainer = harness.Prefix + "young";
        var networkOnly = harness.Prefix + "netonly";
        await harness.CreateLabelledAsync(withContainer);
        await harness.CreateLabelledAsync(networkOnly, withContainer: false);

        Assert.Empty((await harness.RunAsync()).Actions);
        Assert.False((await harness.Driver.GetStateAsync(withContainer, CancellationToken.None)).IsEmpty);

        // Past the grace period: the container's age comes from the engine, the network-only one's from the first pass that saw it.
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var report = await harness.RunAsync();

        Assert.Equal([networkOnly, withContainer], report.Actions.Select(a => a.Environment).Order(StringComparer.Ordinal));
        Assert.True((await harness.Driver.GetStateAsync(withContainer, CancellationToken.None)).IsEmpty);
        Assert.True((await harness.Driver.GetStateAsync(networkOnly, CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task A_name_the_queue_is_working_on_is_left_alone()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var name = harness.Prefix + "deploying";
        await harness.CreateLabelledAsync(name);
        harness.Queue.Enqueue(name);

        Assert.Empty((await harness.RunAsync()).Actions);
        Assert.False((await harness.Driver.GetStateAsync(name, CancellationToken.None)).IsEmpty);
    }
}
