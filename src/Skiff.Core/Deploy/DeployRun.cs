using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Skiff.Core.Planning;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;

namespace Skiff.Core.Deploy;

/// <summary>The state of one deploy while it runs (see <see cref="EnvironmentDeployer"/>).</summary>
internal sealed class DeployRun(
    IContainerEngine driver,
    TimeProvider time,
    ILogger logger,
    DeployOptions options,
    DeployRequest request,
    IDeployObserver observer)
{
    private static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, ServiceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _created = [];
    private readonly ConcurrentBag<string> _stoppedForReplace = [];
    private readonly ConcurrentBag<string> _startedExisting = [];
    private readonly ReadinessWaiter _readiness = new(driver, time, options);

    private long _lastStartTimestamp;
    private int _changed;
    private bool _seeded;

    private string Environment => request.Environment;

    public async Task<DeployOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        var began = time.GetTimestamp();
        var actual = await driver.GetStateAsync(Environment, cancellationToken);
        var spec = request.Spec;
        var plan = DeployPlanner.Plan(Environment, spec, actual, request.KnownReady, OneShotServices(spec));
        foreach (var step in plan.Steps)
            Report(Initial(step));
        var source = request.SourceElapsed + time.GetElapsedTime(began);
        var buildBegan = 0L;
        Task<long>? imagesReady = null;
        // Cancels image builds still running when the deploy fails or is cancelled.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        try
        {
            await driver.EnsureNetworkAsync(Environment, cancellationToken);
            var freshVolumes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var volume in plan.Volumes)
            {
                if (await driver.EnsureVolumeAsync(Environment, volume, cancellationToken))
                    freshVolumes.Add(volume);
            }

            // Nothing is touched before every image exists, so a failed build leaves the running
            // version as it is. A fresh environment has nothing to protect: its services start as
            // soon as their own image is ready, while the other images are still building.
            var fresh = plan.Steps.All(s => s.Action == ServiceAction.Create) && plan.Orphans.IsEmpty;
            buildBegan = time.GetTimestamp();
            var images = new ImageStage(driver, logger, options).Start(plan.Steps, (name, status, message) => Update(name, s => s with { Status = status, Message = message }), abort.Token);
            var allImages = Task.WhenAll(images.Values);
            imagesReady = allImages.ContinueWith(_ => time.GetTimestamp(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (!fresh)
                await allImages.WaitAsync(cancellationToken);

            var seedPending = request.SeedPending || SeedVolumeIsFresh(spec, freshVolumes);
            await StartAllAsync(plan, spec, seedPending, images, cancellationToken);
            await allImages;
            var imagesDone = await imagesReady;
            var build = TimeSpanBetween(buildBegan, imagesDone);
            var lastStart = Math.Max(Interlocked.Read(ref _lastStartTimestamp), imagesDone);
            var allReady = time.GetTimestamp();

            await observer.SwitchOverAsync(Snapshots(plan), cancellationToken);
            await RemoveReplacedAsync(plan, cancellationToken);

            var timings = new DeployTimings(source, build, TimeSpanBetween(imagesDone, lastStart), TimeSpanBetween(lastStart, allReady));
            logger.LogInformation("Deployed {Environment}: {Changed} containers changed in {Total} ms", Environment, _changed, (long)timings.Total.TotalMilliseconds);
            return new DeployOutcome { Succeeded = true, Timings = timings, Services = Snapshots(plan), ContainersChanged = _changed, Seeded = _seeded };
        }
        catch (Exception exception) when (exception is DeployFailedException or DriverException)
        {
            var failure = exception is DeployFailedException failed
                ? failed.Failure
                : new DeployFailure(null, exception.Message, []);
            logger.LogWarning("Deploy of {Environment} failed: {Reason}", Environment, failure.ToString());
            if (failure.Service is { } service)
                Update(service, s => s with { Status = ServiceStatus.Failed, Message = failure.Message });
            await abort.CancelAsync();
            await RollBackAsync();
            var timings = FailedTimings(source, buildBegan, imagesReady);
            return new DeployOutcome { Succeeded = false, Failure = failure, Timings = timings, Services = [.. await CurrentServicesAsync(spec)] };
        }
        catch (OperationCanceledException)
        {
            await abort.CancelAsync();
            await RollBackAsync();
            throw;
        }
    }

    /// <summary>A failed deploy's timings: its build phase up to the last image (or the failure), and the rest as start.</summary>
    private DeployTimings FailedTimings(TimeSpan source, long buildBegan, Task<long>? imagesReady)
    {
        if (buildBegan == 0)
            return DeployTimings.Zero with { Source = source };
        var now = time.GetTimestamp();
        var imagesDone = imagesReady is { IsCompletedSuccessfully: true } ? imagesReady.Result : now;
        return new DeployTimings(source, TimeSpanBetween(buildBegan, imagesDone), TimeSpanBetween(imagesDone, now), TimeSpan.Zero);
    }

    private TimeSpan TimeSpanBetween(long from, long to) =>
        to <= from ? TimeSpan.Zero : TimeSpan.FromTicks((long)((to - from) * ((double)TimeSpan.TicksPerSecond / time.TimestampFrequency)));

    private static IReadOnlySet<string> OneShotServices(AppSpec spec) =>
        spec.Services.SelectMany(s => s.DependsOn)
            .Where(d => d.Condition == DependencyCondition.CompletedSuccessfully)
            .Select(d => d.Service)
            .ToHashSet(StringComparer.Ordinal);

    private static bool SeedVolumeIsFresh(AppSpec spec, HashSet<string> freshVolumes)
    {
        if (spec.Settings.Seed is not { } seed || spec.FindService(seed.Service) is not { } service)
            return false;
        return service.Mounts.Any(m => m.Type == MountType.Volume && m.Source is not null && freshVolumes.Contains(m.Source));
    }

    private async Task StartAllAsync(DeployPlan plan, AppSpec spec, bool seedPending, IReadOnlyDictionary<string, Task> images, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = plan.Steps.ToDictionary(s => s.Revision.Service.Name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var ready = plan.Steps.ToDictionary(s => s.Revision.Service.Name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var publicService = request.PublicService;
        var oneShots = OneShotServices(spec);
        // Waking a suspended environment: every container already ran with the others, so all are
        // started at once, without waiting for each other's health, and then all are awaited.
        var waking = plan.Steps.Any(s => s.Action == ServiceAction.Start) && plan.Steps.All(s => s.Action is ServiceAction.Start or ServiceAction.Keep);

        async Task RunAsync(ServiceStep step)
        {
            var name = step.Revision.Service.Name;
            try
            {
                async Task DependenciesAsync()
                {
                    if (waking)
                        return;
                    foreach (var dependency in step.Revision.Service.DependsOn.Where(d => ready.ContainsKey(d.Service)))
                    {
                        Update(name, s => s with { Message = $"waiting for {dependency.Service}" });
                        var signal = dependency.Condition == DependencyCondition.Started ? started[dependency.Service] : ready[dependency.Service];
                        await signal.Task.WaitAsync(failFast.Token);
                    }
                }
                var image = images.GetValueOrDefault(name) ?? Task.CompletedTask;
                var readiness = new Readiness(
                    RunHealthCheck: true,
                    HttpPort: name == publicService ? step.Revision.Service.Ports.FirstOrDefault()?.ContainerPort : null,
                    MustComplete: oneShots.Contains(name));
                var container = await ApplyAsync(step, readiness, image, DependenciesAsync, () => started[name].TrySetResult(), failFast.Token);
                if (seedPending && spec.Settings.Seed is { } seed && seed.Service == name)
                {
                    Update(name, s => s with { Status = ServiceStatus.Seeding, Message = $"running {Path.GetFileName(seed.File)}" });
                    await new Seeder(driver, options).RunAsync(seed, container, failFast.Token);
                    _seeded = true;
                }
                Update(name, s => s with { Status = step.Action == ServiceAction.Keep ? ServiceStatus.Unchanged : ServiceStatus.Ready, Message = null });
                started[name].TrySetResult();
                ready[name].TrySetResult();
            }
            catch (Exception exception)
            {
                started[name].TrySetException(exception);
                ready[name].TrySetException(exception);
                failFast.Cancel();
                throw;
            }
        }

        var tasks = plan.Steps.Select(step => Task.Run(() => RunAsync(step), CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // Report the first real failure, not the cancellations it caused in other services.
            var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).FirstOrDefault(e => e is DeployFailedException or DriverException);
            cancellationToken.ThrowIfCancellationRequested();
            if (failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    /// <summary>
    /// Brings one service to its new version and waits until it is ready; returns its container.
    /// A new container is created as soon as its image exists, and started once its dependencies
    /// are, so creating it is off the critical path.
    /// </summary>
    private async Task<ContainerState> ApplyAsync(ServiceStep step, Readiness readiness, Task image, Func<Task> dependencies, Action onStarted, CancellationToken cancellationToken)
    {
        var service = step.Revision.Service;
        switch (step.Action)
        {
            case ServiceAction.Keep:
                onStarted();
                return step.Current!;

            case ServiceAction.Adopt:
                Update(service.Name, s => s with { Status = ServiceStatus.WaitingHealthy, Message = "re-checking a container from an interrupted deploy" });
                onStarted();
                await _readiness.WaitAsync(service, step.Current!, readiness, cancellationToken);
                return step.Current!;

            case ServiceAction.Start:
                await dependencies();
                Update(service.Name, s => s with { Status = ServiceStatus.Starting, Message = null });
                var restarted = await driver.StartContainerAsync(step.Current!.Id, cancellationToken);
                _startedExisting.Add(restarted.Id);
                return await AfterStartAsync(service, restarted, readiness, onStarted, cancellationToken);

            default:
                await image.WaitAsync(cancellationToken);
                var created = await driver.CreateContainerAsync(step.Revision.Request, cancellationToken);
                _created.Add(created.Id);
                await dependencies();
                if (step.Action == ServiceAction.Replace && step.Revision.IsStateful)
                {
                    // Never run two versions of a stateful service on the same volume: stop the old one first.
                    Update(service.Name, s => s with { Status = ServiceStatus.Starting, Message = "stopping the previous version (it owns a volume)" });
                    await driver.StopContainerAsync(step.Current!.Id, cancellationToken);
                    _stoppedForReplace.Add(step.Current.Id);
                }
                Update(service.Name, s => s with { Status = ServiceStatus.Starting, Message = null });
                var container = await StartOrFailAsync(service, created, cancellationToken);
                logger.LogInformation("Started {Service} of {Environment} ({Container})", service.Name, Environment, container.Name);
                return await AfterStartAsync(service, container, readiness, onStarted, cancellationToken);
        }
    }

    /// <summary>Starts a created container; an engine refusal (a missing binary, a bad mount) fails the deploy with the service named.</summary>
    private async Task<ContainerState> StartOrFailAsync(ServiceSpec service, ContainerState created, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.StartContainerAsync(created.Id, cancellationToken);
        }
        catch (DriverException exception)
        {
            var tail = await LogTail.ReadAsync(driver, created.Id, options.LogTailLines, cancellationToken);
            throw new DeployFailedException(new DeployFailure(service.Name, $"the container did not start: {exception.Message}", tail));
        }
    }

    private async Task<ContainerState> AfterStartAsync(ServiceSpec service, ContainerState container, Readiness readiness, Action onStarted, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _changed);
        var now = time.GetTimestamp();
        long seen;
        while ((seen = Interlocked.Read(ref _lastStartTimestamp)) < now && Interlocked.CompareExchange(ref _lastStartTimestamp, now, seen) != seen)
        {
        }
        Update(service.Name, s => s with
        {
            Status = ServiceStatus.WaitingHealthy,
            ContainerId = container.Id,
            Image = container.Image,
            Hash = container.Hash,
            PublishedPorts = container.PublishedPorts,
            Endpoint = container.Endpoint,
            Message = null,
        });
        onStarted();
        await _readiness.WaitAsync(service, container, readiness, cancellationToken);
        return container;
    }

    private async Task RemoveReplacedAsync(DeployPlan plan, CancellationToken cancellationToken)
    {
        var leaving = plan.Steps
            .Where(s => s.Action == ServiceAction.Replace)
            .Select(s => s.Current!)
            .Concat(plan.Steps.SelectMany(s => s.Stale))
            .Concat(plan.Orphans);
        foreach (var container in leaving)
        {
            await driver.RemoveContainerAsync(container.Id, cancellationToken);
            Interlocked.Increment(ref _changed);
        }
    }

    private async Task RollBackAsync()
    {
        using var timeout = new CancellationTokenSource(RollbackTimeout);
        foreach (var id in _created)
            await TryAsync(() => driver.RemoveContainerAsync(id, timeout.Token), id, "remove the new container");
        foreach (var id in _startedExisting)
            await TryAsync(() => driver.StopContainerAsync(id, timeout.Token), id, "stop the restarted container");
        foreach (var id in _stoppedForReplace)
            await TryAsync(async () => await driver.StartContainerAsync(id, timeout.Token), id, "restart the previous version");
    }

    private async Task TryAsync(Func<Task> action, string containerId, string what)
    {
        try
        {
            await action();
        }
        catch (Exception exception) when (exception is DriverException or OperationCanceledException)
        {
            logger.LogError(exception, "Rollback of {Environment} could not {Action} ({Container})", Environment, what, containerId);
        }
    }

    /// <summary>After a failure: what runs now, read back from the engine.</summary>
    private async Task<IEnumerable<ServiceSnapshot>> CurrentServicesAsync(AppSpec spec)
    {
        try
        {
            using var timeout = new CancellationTokenSource(RollbackTimeout);
            var state = await driver.GetStateAsync(Environment, timeout.Token);
            return spec.Services.Select(service =>
            {
                var running = state.Containers.Where(c => c.Service == service.Name).OrderByDescending(c => c.IsRunning).FirstOrDefault();
                var failed = _snapshots.GetValueOrDefault(service.Name);
                return new ServiceSnapshot
                {
                    Name = service.Name,
                    Status = failed?.Status == ServiceStatus.Failed ? ServiceStatus.Failed : running is { IsRunning: true } ? ServiceStatus.Ready : ServiceStatus.Stopped,
                    ContainerId = running?.Id,
                    Image = running?.Image,
                    Hash = running?.Hash,
                    PublishedPorts = running?.PublishedPorts ?? ImmutableDictionary<int, int>.Empty,
                    Endpoint = running?.Endpoint,
                    Message = failed?.Status == ServiceStatus.Failed ? failed.Message : null,
                };
            }).ToList();
        }
        catch (Exception exception) when (exception is DriverException or OperationCanceledException)
        {
            return _snapshots.Values;
        }
    }

    private static ServiceSnapshot Initial(ServiceStep step) => new()
    {
        Name = step.Revision.Service.Name,
        Status = step.Action == ServiceAction.Keep ? ServiceStatus.Unchanged : ServiceStatus.Pending,
        ContainerId = step.Current?.Id,
        Image = step.Revision.Request.Image,
        Hash = step.Revision.Hash,
        PublishedPorts = step.Action is ServiceAction.Keep or ServiceAction.Adopt ? step.Current!.PublishedPorts : ImmutableDictionary<int, int>.Empty,
        Endpoint = step.Action is ServiceAction.Keep or ServiceAction.Adopt ? step.Current!.Endpoint : null,
    };

    private ImmutableArray<ServiceSnapshot> Snapshots(DeployPlan plan) =>
        [.. plan.Steps.Select(s => _snapshots[s.Revision.Service.Name])];

    private void Report(ServiceSnapshot snapshot)
    {
        _snapshots[snapshot.Name] = snapshot;
        observer.ServiceChanged(snapshot);
    }

    private void Update(string service, Func<ServiceSnapshot, ServiceSnapshot> change)
    {
        var updated = _snapshots.AddOrUpdate(service, name => change(new ServiceSnapshot { Name = name }), (_, current) => change(current));
        observer.ServiceChanged(updated);
    }
}
