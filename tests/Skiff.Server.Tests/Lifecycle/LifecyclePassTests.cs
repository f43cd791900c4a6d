using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Deploy;
using Skiff.Core.Lifetimes;
using Skiff.Server.Activity;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Lifecycle;
using Skiff.Server.Reconciliation;
using Skiff.Server.Routing;
using Skiff.Server.Store;
using Skiff.Server.Serving;

namespace Skiff.Server.Tests.Lifecycle;

/// <summary>TTL and idle suspend over a real store, in simulated time (FakeTimeProvider).</summary>
public sealed class LifecyclePassTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _home = Directory.CreateTempSubdirectory("skiff-lifecycle-").FullName;
    private readonly RecordingReporter _reporter = new();
    private readonly ReconcileQueue _queue = new();
    private EnvironmentStore _store = null!;
    private IDbContextFactory<SkiffDbContext> _contexts = null!;
    private UsageStore _usage = null!;
    private ActivityTracker _activity = null!;

    private static readonly RepositoryConfig Shop = new()
    {
        FullName = "acme/shop",
        CloneUrl = "file:///nowhere",
        WebhookSecret = new SecretValue("x", "test"),
        Token = new SecretValue("t", "test"),
        ApiUrl = new Uri("http://127.0.0.1:9/"),
    };

    private SkiffServerOptions Options { get; set; } = new()
    {
        Home = "/tmp",
        Repositories = [Shop],
        Lifetimes = new LifetimeSettings { Ttl = TimeSpan.FromHours(24), Idle = TimeSpan.FromMinutes(30), TtlWarning = TimeSpan.FromHours(2) },
    };

    public async Task InitializeAsync()
    {
        var contexts = new PooledDbContextFactory<SkiffDbContext>(new DbContextOptionsBuilder<SkiffDbContext>().UseSqlite($"Data Source={_home}/skiff.db").Options);
        _contexts = contexts;
        _store = new EnvironmentStore(contexts, _time);
        await _store.InitializeAsync(CancellationToken.None);
        _usage = new UsageStore(contexts);
        _activity = new ActivityTracker(_time);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_home, recursive: true);
        return Task.CompletedTask;
    }

    private LifecyclePass Pass()
    {
        var access = new GitHubAccessProvider(_time);
        var feedback = new PullRequestFeedbackSink(_reporter, access, Options);
        var desired = new Skiff.Server.Environments.DesiredStateWriter(_store, new PullRequestRecorder(_contexts, _time), _queue, NullLogger<Skiff.Server.Environments.DesiredStateWriter>.Instance);
        return new LifecyclePass(new Budgets.BudgetGuard(new Skiff.Server.Costs.CostReports(_usage, Options, _time), _time), _store, desired, _queue, _activity, feedback, new ServerUrls("localhost"), Options, _time, NullLogger<LifecyclePass>.Instance);
    }

    /// <summary>An environment that deployed successfully now (a PR environment of acme/shop, the number from its name: shop-pr-7 is #7).</summary>
    private async Task<string> DeployedAsync(string name = "shop-pr-7", string? appTtl = null, string? appIdle = null)
    {
        var record = await _store.RequestRunningAsync(name, "directory", "/tmp", CancellationToken.None);
        await using (var db = new SkiffDbContext(new DbContextOptionsBuilder<SkiffDbContext>().UseSqlite($"Data Source={_home}/skiff.db").Options))
        {
            await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Repository, "acme/shop").SetProperty(e => e.PullRequest, long.Parse(name[(name.LastIndexOf('-') + 1)..]))
                .SetProperty(e => e.HeadSha, new string('a', 40)));
        }
        var deployment = await _store.StartDeploymentAsync(name, record.Generation, CancellationToken.None);
        await _store.FinishDeploymentAsync(deployment, new DeployResultRecord
        {
            Environment = name,
            Generation = record.Generation,
            Timings = DeployTimings.Zero,
            AppTtl = appTtl,
            AppIdle = appIdle,
        }, CancellationToken.None);
        return name;
    }

    private async Task<EnvironmentRecord> RecordAsync(string name) => (await _store.FindAsync(name, CancellationToken.None))!;

    [Fact]
    public async Task Idle_environments_are_suspended_after_the_idle_period_and_not_before()
    {
        var name = await DeployedAsync();

        _time.Advance(TimeSpan.FromMinutes(29));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Running", (await RecordAsync(name)).Desired.ToString());

        _time.Advance(TimeSpan.FromMinutes(2));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Suspended", (await RecordAsync(name)).Desired.ToString());
        Assert.True(_queue.IsBusy(name));
        Assert.Contains(await _store.ListEventsAsync(name, 10, CancellationToken.None), e => e.Kind == "idle");
    }

    [Fact]
    public async Task A_request_resets_the_idle_clock()
    {
        var name = await DeployedAsync();
        _time.Advance(TimeSpan.FromMinutes(25));
        _activity.Touch(name);

        _time.Advance(TimeSpan.FromMinutes(25));
        await Pass().RunAsync(CancellationToken.None);

        Assert.Equal("Running", (await RecordAsync(name)).Desired.ToString());
    }

    [Fact]
    public async Task Requests_flushed_to_the_store_still_count_after_a_restart()
    {
        var name = await DeployedAsync();
        _time.Advance(TimeSpan.FromMinutes(25));
        _activity.Touch(name);
        await new ActivityFlusher(_activity, _store, _time, NullLogger<ActivityFlusher>.Instance).FlushAsync(CancellationToken.None);
        Assert.Equal(_time.GetUtcNow(), (await RecordAsync(name)).LastActivityAt);

        // An older time never moves it back.
        await _store.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { [name] = _time.GetUtcNow().AddMinutes(-10) }, CancellationToken.None);
        Assert.Equal(_time.GetUtcNow(), (await RecordAsync(name)).LastActivityAt);

        _activity = new ActivityTracker(_time);   // a restarted server remembers no request in memory
        _time.Advance(TimeSpan.FromMinutes(25));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Running", (await RecordAsync(name)).Desired.ToString());

        _time.Advance(TimeSpan.FromMinutes(6));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Suspended", (await RecordAsync(name)).Desired.ToString());
    }

    [Fact]
    public async Task Ttl_counts_from_the_last_activity_warns_before_and_expires_with_a_reason()
    {
        Options = Options with { Lifetimes = Options.Lifetimes with { Idle = TimeSpan.MaxValue, AllowNever = true } };
        var name = await DeployedAsync();
        _time.Advance(TimeSpan.FromHours(10));
        _activity.Touch(name);   // the TTL now counts from here, not from the deploy

        _time.Advance(TimeSpan.FromHours(21));   // 31 h after deploy, 21 h after the last request: alive
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Running", (await RecordAsync(name)).Desired.ToString());
        Assert.Empty(_reporter.Reports);

        _time.Advance(TimeSpan.FromHours(2));    // 1 h left: the warning, once
        await Pass().RunAsync(CancellationToken.None);
        await Pass().RunAsync(CancellationToken.None);
        var warning = Assert.Single(_reporter.Reports);
        Assert.Contains("Expires", warning.Details.Single());
        Assert.Contains("skiff extend shop-pr-7", warning.Details.Single());

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await Pass().RunAsync(CancellationToken.None);
        var expired = await RecordAsync(name);
        Assert.Equal("Absent", expired.Desired.ToString());
        Assert.Contains("expired", expired.RemovalReason);
        Assert.Contains("push a commit", expired.RemovalReason);
    }

    [Fact]
    public async Task An_extension_keeps_it_past_its_ttl()
    {
        var name = await DeployedAsync(appIdle: "never");
        Options = Options with { Lifetimes = Options.Lifetimes with { AllowNever = true } };
        var extension = Extension.Parse("3d", Options.Lifetimes, _time);
        await _store.SetLifetimeAsync(name, extension.ExtendedUntil, null, CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(2));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Running", (await RecordAsync(name)).Desired.ToString());

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Absent", (await RecordAsync(name)).Desired.ToString());
    }

    [Fact]
    public async Task The_apps_never_is_honoured_only_where_the_server_allows_it()
    {
        var name = await DeployedAsync(appTtl: "never", appIdle: "never");

        _time.Advance(TimeSpan.FromDays(20));   // beyond MaxTtl (14 d): "never" is capped when not allowed
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Absent", (await RecordAsync(name)).Desired.ToString());

        Options = Options with { Lifetimes = Options.Lifetimes with { AllowNever = true } };
        var other = await DeployedAsync("shop-pr-8", appTtl: "never", appIdle: "never");
        _time.Advance(TimeSpan.FromDays(20));
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal("Running", (await RecordAsync(other)).Desired.ToString());
    }

    [Fact]
    public async Task Over_budget_with_policy_suspend_the_longest_idle_environment_sleeps_first()
    {
        Options = Options with
        {
            Repositories = [Shop with { Budget = new Core.Budgets.BudgetRules(Monthly: 1m, Policy: Core.Budgets.BudgetPolicy.Suspend) }],
            Lifetimes = Options.Lifetimes with { Idle = TimeSpan.MaxValue, AllowNever = true },
        };
        var older = await DeployedAsync("shop-pr-7");
        _time.Advance(TimeSpan.FromMinutes(20));
        var newer = await DeployedAsync("shop-pr-8");
        _time.Advance(TimeSpan.FromMinutes(10));
        // 30 reserved CPU-hours at 0.04048 = 1.21 > the 1.00 budget.
        await _usage.AddAsync([new UsageRecord
        {
            EnvironmentName = "shop-pr-9",
            Repository = "acme/shop",
            Service = "web",
            At = _time.GetUtcNow().AddHours(-1),
            IntervalSeconds = 3600,
            Running = true,
            CpuReserved = 30,
        }], CancellationToken.None);

        await Pass().RunAsync(CancellationToken.None);

        Assert.Equal("Suspended", (await RecordAsync(older)).Desired.ToString());
        Assert.Equal("Running", (await RecordAsync(newer)).Desired.ToString());
        Assert.Contains(await _store.ListEventsAsync(older, 10, CancellationToken.None), e => e.Kind == "budget" && e.Message.Contains("budget"));
    }

    private sealed class RecordingReporter : IPullRequestReporter
    {
        public List<PullRequestFeedback> Reports { get; } = [];

        public void Report(PullRequestFeedback feedback)
        {
            lock (Reports)
                Reports.Add(feedback);
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
