using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;
using Skiff.Server.Configuration;

namespace Skiff.Server.Tests.Reconciliation;

/// <summary>Queue positions over a real store: first come first served, and environments held back by a budget take no place.</summary>
public sealed class DeployAdmissionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _home = Directory.CreateTempSubdirectory("skiff-admission-").FullName;
    private EnvironmentStore _store = null!;

    public async Task InitializeAsync()
    {
        var contexts = new PooledDbContextFactory<SkiffDbContext>(new DbContextOptionsBuilder<SkiffDbContext>().UseSqlite($"Data Source={_home}/skiff.db").Options);
        _store = new EnvironmentStore(contexts, _time);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_home, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Positions_follow_arrival_and_skip_environments_waiting_for_budget()
    {
        await QueueAsync("shop-pr-1", "1 of at most 1 environments are running (capacity.maxRunning)");
        await QueueAsync("shop-pr-2", DeployAdmission.BudgetReason("acme/shop spent 1.21 of its 1.00 monthly budget (policy: refuse)"));
        await QueueAsync("shop-pr-3", "1 of at most 1 environments are running (capacity.maxRunning)");
        var admission = new DeployAdmission(_store, new SkiffServerOptions { Home = _home });

        Assert.Equal((1, 2), await admission.PositionAsync("shop-pr-1", CancellationToken.None));
        Assert.Equal((2, 2), await admission.PositionAsync("shop-pr-3", CancellationToken.None));
        Assert.Equal((2, 3), await admission.PositionAsync("shop-pr-2", CancellationToken.None));
    }

    private async Task QueueAsync(string name, string reason)
    {
        await _store.RequestRunningAsync(name, "directory", "/tmp", CancellationToken.None);
        await _store.SetQueuedAsync(name, reason, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
    }
}
