using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Core.Deploy;
using Skiff.Core.Specs;
using Skiff.Core.Tests.Fakes;

namespace Skiff.Core.Tests.Deploy;

public sealed class EnvironmentDeployerTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly FakeContainerEngine _driver = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => _app.Dispose();

    private EnvironmentDeployer Deployer => new(_driver, TimeProvider.System, NullLogger<EnvironmentDeployer>.Instance,
        new DeployOptions { PollInterval = TimeSpan.FromMilliseconds(5), FastHealthInterval = TimeSpan.FromMilliseconds(5), ReadyTimeout = TimeSpan.FromSeconds(5) });

    private Task<DeployOutcome> DeployAsync(AppSpec spec, IReadOnlySet<string>? knownReady = null, bool seedPending = true) =>
        Deployer.DeployAsync(new DeployRequest
        {
            Environment = "shop",
            Spec = spec,
            PublicService = "web",
            KnownReady = knownReady ?? new HashSet<string>(),
            SeedPending = seedPending,
        }, _observer, CancellationToken.None);

    [Fact]
    public async Task First_deploy_builds_and_starts_every_service_in_dependency_order_and_seeds_once()
    {
        var outcome = await DeployAsync(_app.Spec());

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal(3, _driver.CallsStartingWith("build ").Count);
        var starts = _driver.CallsStartingWith("start ").Select(c => c.Split(' ')[1]).ToList();
        Assert.Equal(["db", "api", "web"], starts);
        Assert.Equal(3, _driver.CallsStartingWith("create ").Count);
        Assert.All(outcome.Services, s => Assert.Equal(ServiceStatus.Ready, s.Status));
        Assert.True(outcome.Seeded);
        Assert.Single(_driver.CopiedFiles);
        Assert.Contains("INSERT INTO products", _driver.CopiedFiles[0].Content);
        Assert.Contains(_driver.Execs, e => e.Service == "db" && e.Command.Contains("psql"));
        Assert.NotEmpty(outcome.Services.Single(s => s.Name == "web").PublishedPorts);
        Assert.True(_observer.SwitchedOver);
    }

    [Fact]
    public async Task A_second_deploy_of_the_same_spec_changes_nothing()
    {
        var first = await DeployAsync(_app.Spec());
        var ready = first.Services.Select(s => s.ContainerId!).ToHashSet();
        var calls = _driver.Calls.Count;

        var second = await DeployAsync(_app.Spec(), ready, seedPending: false);

        Assert.True(second.Succeeded);
        Assert.Equal(0, second.ContainersChanged);
        Assert.All(second.Services, s => Assert.Equal(ServiceStatus.Unchanged, s.Status));
        var newCalls = _driver.Calls.Skip(calls).ToList();
        Assert.DoesNotContain(newCalls, c => c.StartsWith("build ") || c.StartsWith("create ") || c.StartsWith("start ") || c.StartsWith("remove "));
        Assert.Equal(first.Services.Select(s => s.ContainerId), second.Services.Select(s => s.ContainerId));
    }

    [Fact]
    public async Task Changing_one_service_replaces_only_that_service()
    {
        var first = await DeployAsync(_app.Spec());
        var ready = first.Services.Select(s => s.ContainerId!).ToHashSet();
        _app.Change("web", "print('web v2')\n");

        var second = await DeployAsync(_app.Spec(), ready, seedPending: false);

        Assert.True(second.Succeeded);
        Assert.Equal(["build " + second.Services.Single(s => s.Name == "web").Image], _driver.CallsStartingWith("build ").Skip(3));
        Assert.NotEqual(Id(first, "web"), Id(second, "web"));
        Assert.Equal(Id(first, "api"), Id(second, "api"));
        Assert.Equal(Id(first, "db"), Id(second, "db"));
        Assert.DoesNotContain(_driver.Containers, c => c.Id == Id(first, "web"));
        Assert.False(second.Seeded);
    }

    [Fact]
    public async Task A_failed_build_leaves_the_previous_version_untouched()
    {
        var first = await DeployAsync(_app.Spec());
        var ready = first.Services.Select(s => s.ContainerId!).ToHashSet();
        _app.Change("api", "syntax error");
        var newApiImage = Skiff.Core.Planning.ServiceRevision.For("shop", _app.Spec().Services[1], new ResourceLimits()).Request.Image;
        _driver.FailingBuilds.Add(newApiImage);
        var before = _driver.Containers.Select(c => c.Id).Order().ToList();

        var second = await DeployAsync(_app.Spec(), ready, seedPending: false);

        Assert.False(second.Succeeded);
        Assert.Equal("api", second.Failure!.Service);
        Assert.Contains("build failed", second.Failure.Message);
        Assert.Contains("Error: exit status 1", second.Failure.LogTail);
        Assert.Equal(before, _driver.Containers.Select(c => c.Id).Order().ToList());
        Assert.All(_driver.Containers, c => Assert.True(c.IsRunning));
    }

    [Fact]
    public async Task A_service_that_never_becomes_healthy_is_rolled_back_and_the_old_one_restarted()
    {
        var first = await DeployAsync(_app.Spec());
        var ready = first.Services.Select(s => s.ContainerId!).ToHashSet();
        _driver.UnhealthyServices.Add("db");
        _app.Change("db", "print('db v2')\n");

        var second = await DeployAsync(_app.Spec(), ready, seedPending: false);

        Assert.False(second.Succeeded);
        Assert.Equal("db", second.Failure!.Service);
        Assert.Contains("health check failed", second.Failure.Message);
        Assert.Contains("log of db", second.Failure.LogTail);
        // The db owns a volume, so it was stopped before the new one started; the rollback restarts it.
        var db = Assert.Single(_driver.Containers, c => c.Service == "db");
        Assert.Equal(Id(first, "db"), db.Id);
        Assert.True(db.IsRunning);
        Assert.Equal(3, _driver.Containers.Count);
        Assert.Equal(ServiceStatus.Failed, second.Services.Single(s => s.Name == "db").Status);
    }

    [Fact]
    public async Task A_crashing_stateless_service_never_takes_down_the_running_one()
    {
        var first = await DeployAsync(_app.Spec());
        var ready = first.Services.Select(s => s.ContainerId!).ToHashSet();
        _driver.CrashingServices.Add("web");
        _app.Change("web", "crash");

        var second = await DeployAsync(_app.Spec(), ready, seedPending: false);

        Assert.False(second.Succeeded);
        Assert.Contains("exited with code 1", second.Failure!.Message);
        var web = Assert.Single(_driver.Containers, c => c.Service == "web");
        Assert.Equal(Id(first, "web"), web.Id);
        Assert.True(web.IsRunning);
        Assert.DoesNotContain(_driver.CallsStartingWith("stop "), c => c == "stop web");
    }

    [Fact]
    public async Task Removed_services_are_removed_after_the_new_version_is_ready()
    {
        await DeployAsync(_app.Spec());
        var spec = _app.Spec();
        spec = spec with { Services = [.. spec.Services.Where(s => s.Name != "web")], Settings = spec.Settings with { PublicService = null } };

        var outcome = await Deployer.DeployAsync(new DeployRequest { Environment = "shop", Spec = spec }, _observer, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.DoesNotContain(_driver.Containers, c => c.Service == "web");
    }

    [Fact]
    public async Task A_stopped_container_with_the_same_hash_is_started_not_recreated()
    {
        var first = await DeployAsync(_app.Spec());
        foreach (var service in first.Services)
            await _driver.StopContainerAsync(service.ContainerId!, CancellationToken.None);
        var startsBefore = _driver.CallsStartingWith("start ").Count;

        var second = await DeployAsync(_app.Spec(), first.Services.Select(s => s.ContainerId!).ToHashSet(), seedPending: false);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Services.Select(s => s.ContainerId), second.Services.Select(s => s.ContainerId));
        Assert.Equal(3, _driver.CallsStartingWith("start ").Count - startsBefore);
        Assert.Equal(3, _driver.CallsStartingWith("create ").Count);
    }

    [Fact]
    public async Task An_adopted_container_keeps_its_ports_so_it_can_be_routed()
    {
        var first = await DeployAsync(_app.Spec());

        // As after a crash: the containers run, but no finished deploy saw them ready.
        var second = await DeployAsync(_app.Spec(), knownReady: new HashSet<string>(), seedPending: false);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Services.Single(s => s.Name == "web").PublishedPorts, second.Services.Single(s => s.Name == "web").PublishedPorts);
        Assert.NotEmpty(second.Services.Single(s => s.Name == "web").PublishedPorts);
    }

    [Fact]
    public async Task Waking_starts_every_stopped_container_at_once_without_waiting_for_health()
    {
        var first = await DeployAsync(_app.Spec());
        foreach (var service in first.Services)
            await _driver.StopContainerAsync(service.ContainerId!, CancellationToken.None);
        var mark = _driver.Calls.Count;
        _driver.HealthCheckTimes["db"] = TimeSpan.FromMilliseconds(200);

        var woken = await DeployAsync(_app.Spec(), first.Services.Select(s => s.ContainerId!).ToHashSet(), seedPending: false);

        Assert.True(woken.Succeeded);
        var calls = _driver.Calls.Skip(mark).ToList();
        Assert.Equal(["start api", "start db", "start web"], calls.Where(c => c.StartsWith("start ")).Order());
        Assert.True(calls.IndexOf("start api") < calls.IndexOf("healthy db"), string.Join("\n", calls));
        Assert.True(calls.IndexOf("start web") < calls.IndexOf("healthy db"), string.Join("\n", calls));
        Assert.All(woken.Services, s => Assert.Equal(ServiceStatus.Ready, s.Status));
    }

    [Fact]
    public async Task A_first_deploy_waits_for_a_healthy_dependency_before_starting_its_dependent()
    {
        _driver.HealthCheckTimes["db"] = TimeSpan.FromMilliseconds(200);

        var outcome = await DeployAsync(_app.Spec());

        Assert.True(outcome.Succeeded);
        var calls = _driver.Calls.ToList();
        Assert.True(calls.IndexOf("healthy db") < calls.IndexOf("start api"), string.Join("\n", calls));
    }

    [Fact]
    public async Task Phases_are_timed()
    {
        var outcome = await DeployAsync(_app.Spec());
        Assert.True(outcome.Timings.Total > TimeSpan.Zero);
        Assert.Equal(outcome.Timings.Source + outcome.Timings.Build + outcome.Timings.Start + outcome.Timings.Healthy, outcome.Timings.Total);
    }

    [Fact]
    public async Task A_fresh_environment_starts_a_service_while_other_images_still_build()
    {
        var web = ImageOf("web");
        _driver.BuildTimes[web] = TimeSpan.FromMilliseconds(400);

        var outcome = await DeployAsync(_app.Spec());

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        var calls = _driver.Calls.ToList();
        Assert.True(calls.IndexOf("start db") < calls.IndexOf($"built {web}"), string.Join("\n", calls));
    }

    [Fact]
    public async Task An_update_touches_nothing_until_every_image_is_built()
    {
        var first = await DeployAsync(_app.Spec());
        _app.Change("web", "print('web v2')\n");
        _app.Change("db", "print('db v2')\n");
        var web = ImageOf("web");
        _driver.BuildTimes[web] = TimeSpan.FromMilliseconds(300);

        var mark = _driver.Calls.Count;

        var second = await DeployAsync(_app.Spec(), first.Services.Select(s => s.ContainerId!).ToHashSet(), seedPending: false);

        Assert.True(second.Succeeded, second.Failure?.ToString());
        var calls = _driver.Calls.Skip(mark).ToList();
        var webBuilt = calls.IndexOf($"built {web}");
        Assert.True(webBuilt > 0, string.Join("\n", calls));
        Assert.DoesNotContain(calls.Take(webBuilt), c => c.StartsWith("stop ") || c.StartsWith("create ") || c.StartsWith("start "));
        Assert.Contains(calls.Skip(webBuilt), c => c == "stop db");
    }

    [Fact]
    public async Task Builds_that_begin_with_the_same_steps_run_one_after_the_other()
    {
        const string shared = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\n";
        File.WriteAllText(Path.Combine(_app.Root, "web", "Dockerfile"), shared + "COPY . /web\n");
        File.WriteAllText(Path.Combine(_app.Root, "api", "Dockerfile"), shared + "COPY . /api\n");
        File.WriteAllText(Path.Combine(_app.Root, "db", "Dockerfile"), "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y postgresql\nCOPY . /db\n");
        foreach (var service in new[] { "web", "api", "db" })
            _driver.BuildTimes[ImageOf(service)] = TimeSpan.FromMilliseconds(200);

        var outcome = await DeployAsync(_app.Spec());

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        var calls = _driver.Calls.ToList();
        int At(string call) => calls.IndexOf(call);
        var (web, api, db) = (ImageOf("web"), ImageOf("api"), ImageOf("db"));
        var pythonBuildsOverlap = At($"build {web}") < At($"built {api}") && At($"build {api}") < At($"built {web}");
        Assert.False(pythonBuildsOverlap, string.Join("\n", calls));
        Assert.True(At($"build {db}") < Math.Max(At($"built {web}"), At($"built {api}")), "db builds beside the python ones");
    }

    private string ImageOf(string service) =>
        Skiff.Core.Planning.ServiceRevision.For("shop", _app.Spec().FindService(service)!, new ResourceLimits()).Request.Image;

    private static string Id(DeployOutcome outcome, string service) => outcome.Services.Single(s => s.Name == service).ContainerId!;

    private sealed class RecordingObserver : IDeployObserver
    {
        public ConcurrentQueue<ServiceSnapshot> Changes { get; } = new();

        public bool SwitchedOver { get; private set; }

        public void ServiceChanged(ServiceSnapshot service) => Changes.Enqueue(service);

        public ValueTask SwitchOverAsync(ImmutableArray<ServiceSnapshot> services, CancellationToken cancellationToken)
        {
            SwitchedOver = true;
            return ValueTask.CompletedTask;
        }
    }
}
