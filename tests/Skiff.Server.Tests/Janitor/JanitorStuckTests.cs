using Skiff.Core.Environments;
using Skiff.Server.Janitor;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>Deploys left half-way (a worker that died, a crash): requeued, and their deploy rows closed as Interrupted.</summary>
public sealed class JanitorStuckTests
{
    [Fact]
    public async Task A_deploy_stuck_past_the_threshold_is_requeued_and_its_row_interrupted()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var name = harness.Prefix + "stuck";
        var deploymentId = await StartDeployAsync(harness, name);

        harness.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty((await harness.RunAsync()).Actions);

        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var report = await harness.RunAsync();

        Assert.Equal(
            [(JanitorActionKind.InterruptedDeployment, name), (JanitorActionKind.Stuck, name)],
            report.Actions.Select(a => (a.Kind, a.Environment)));
        Assert.All(report.Actions, a => Assert.Null(a.Error));
        Assert.Contains("Deploying for 31 min", report.Actions[1].Detail);
        Assert.True(harness.Queue.IsBusy(name));
        var row = Assert.Single(await harness.Store.ListDeploymentsAsync(name, 10, CancellationToken.None));
        Assert.Equal((deploymentId, "Interrupted"), (row.Id, row.Outcome.ToString()));
        Assert.NotNull(row.FinishedAt);
        var history = await harness.Store.ListEventsAsync(name, 10, CancellationToken.None);
        Assert.Contains(history, e => e.Kind == "janitor" && e.Message.Contains("queued again"));
        Assert.Contains(history, e => e.Kind == "janitor" && e.Message.Contains($"deployment {deploymentId}") && e.Message.Contains("marked Interrupted"));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Janitor acted") && l.Contains("Kind=Stuck") && l.Contains($"Environment={name}"));
    }

    [Fact]
    public async Task A_deploy_a_worker_is_on_is_not_stuck_however_long_it_takes()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var name = harness.Prefix + "slow";
        await StartDeployAsync(harness, name);
        harness.Queue.Enqueue(name);
        await harness.Queue.TakeAsync(CancellationToken.None);

        harness.Time.Advance(TimeSpan.FromHours(3));

        Assert.Empty((await harness.RunAsync()).Actions);
        Assert.Equal("Running", Assert.Single(await harness.Store.ListDeploymentsAsync(name, 10, CancellationToken.None)).Outcome.ToString());
    }

    [Fact]
    public async Task A_dry_run_reports_without_requeueing()
    {
        await using var harness = await JanitorHarness.StartAsync();
        var name = harness.Prefix + "stuck";
        await StartDeployAsync(harness, name);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var report = await harness.RunAsync(dryRun: true);

        Assert.Equal(2, report.Actions.Count);
        Assert.False(harness.Queue.IsBusy(name));
        Assert.Equal("Running", Assert.Single(await harness.Store.ListDeploymentsAsync(name, 10, CancellationToken.None)).Outcome.ToString());
        Assert.Contains(await harness.Store.ListEventsAsync(name, 10, CancellationToken.None),
            e => e.Kind == "janitor" && e.Message.StartsWith("dry run, would queue it again: Deploying for 60 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_reconciler_nothing_is_requeued()
    {
        await using var harness = await JanitorHarness.StartAsync(runReconciler: false);
        var name = harness.Prefix + "pending";
        await harness.Store.RequestRunningAsync(name, "directory", "/srv/app", CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty((await harness.RunAsync()).Actions);
    }

    private static async Task<long> StartDeployAsync(JanitorHarness harness, string name)
    {
        var record = await harness.Store.RequestRunningAsync(name, "directory", "/srv/app", CancellationToken.None);
        await harness.Store.SetPhaseAsync(name, EnvironmentPhase.Deploying, CancellationToken.None);
        return await harness.Store.StartDeploymentAsync(name, record.Generation, CancellationToken.None);
    }
}
