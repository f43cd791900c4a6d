using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Skiff.Core.Runtime;

namespace Skiff.Core.Tests.Fakes;

/// <summary>
/// An in-memory engine that records every call, for testing the logic above the driver interface.
/// The real driver has its own integration tests against the real engine.
/// </summary>
internal sealed class FakeContainerEngine : IContainerEngine
{
    private readonly ConcurrentDictionary<string, ContainerState> _containers = new();
    private readonly ConcurrentDictionary<string, byte> _networks = new();
    private readonly ConcurrentDictionary<string, byte> _volumes = new();
    private readonly ConcurrentDictionary<string, byte> _images = new();
    private int _nextId;
    private int _nextPort = 40000;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How long the build of an image takes (default: no time).</summary>
    public Dictionary<string, TimeSpan> BuildTimes { get; } = [];

    /// <summary>Images whose build fails.</summary>
    public HashSet<string> FailingBuilds { get; } = [];

    /// <summary>Services whose health check (exec) never succeeds.</summary>
    public HashSet<string> UnhealthyServices { get; } = [];

    /// <summary>Services whose container exits right after start with code 1.</summary>
    public HashSet<string> CrashingServices { get; } = [];

    public List<(string ContainerId, string Path, string Content)> CopiedFiles { get; } = [];

    public List<(string Service, IReadOnlyList<string> Command)> Execs { get; } = [];

    public IReadOnlyCollection<ContainerState> Containers => _containers.Values.ToList();

    public void AddImage(string image) => _images[image] = 0;

    public Task<EnvironmentState> GetStateAsync(string environment, CancellationToken cancellationToken) =>
        Task.FromResult(new EnvironmentState
        {
            Environment = environment,
            Containers = [.. _containers.Values.Where(c => c.Environment == environment)],
            Networks = [.. _networks.Keys.Where(n => n == $"skiff-{environment}")],
            Volumes = [.. _volumes.Keys.Where(v => v.StartsWith(environment + "/", StringComparison.Ordinal)).Select(v => v[(environment.Length + 1)..])],
        });

    public Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _containers.Values.Select(c => c.Environment).Distinct()]);

    public Task EnsureNetworkAsync(string environment, CancellationToken cancellationToken)
    {
        Record($"network {environment}");
        _networks[$"skiff-{environment}"] = 0;
        return Task.CompletedTask;
    }

    public Task<bool> EnsureVolumeAsync(string environment, string volume, CancellationToken cancellationToken)
    {
        Record($"volume {environment}/{volume}");
        return Task.FromResult(_volumes.TryAdd($"{environment}/{volume}", 0));
    }

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(_images.ContainsKey(image));

    public Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        Record($"pull {image}");
        _images[image] = 0;
        return Task.CompletedTask;
    }

    public async Task BuildImageAsync(ImageBuildRequest request, IProgress<string>? output, CancellationToken cancellationToken)
    {
        Record($"build {request.Tag}");
        if (BuildTimes.TryGetValue(request.Tag, out var duration))
            await Task.Delay(duration, cancellationToken);
        if (FailingBuilds.Contains(request.Tag))
            throw new BuildFailedException("step RUN false returned exit code 1", ["STEP 2/2: RUN false", "Error: exit status 1"]);
        _images[request.Tag] = 0;
        Record($"built {request.Tag}");
    }

    public async Task<ContainerState> RunContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var created = await CreateContainerAsync(request, cancellationToken);
        return await StartContainerAsync(created.Id, cancellationToken);
    }

    public Task<ContainerState> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        Record($"create {request.Service} {request.Hash[..8]}");
        var id = $"c{Interlocked.Increment(ref _nextId)}";
        var container = new ContainerState
        {
            Id = id,
            Name = request.Name,
            Environment = request.Environment,
            Service = request.Service,
            Hash = request.Hash,
            Image = request.Image,
            Status = "created",
            PublishedPorts = request.Ports.ToImmutableDictionary(p => p.ContainerPort, _ => Interlocked.Increment(ref _nextPort)),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        _containers[id] = container;
        return Task.FromResult(container);
    }

    /// <summary>A crashing service's container reports running to the caller, then exits with code 1 at once.</summary>
    public Task<ContainerState> StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        Record($"start {Service(containerId)}");
        var state = _containers[containerId] with { Status = "running", ExitCode = null };
        _containers[containerId] = CrashingServices.Contains(state.Service) ? state with { Status = "exited", ExitCode = 1 } : state;
        return Task.FromResult(state);
    }

    public Task StopContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        Record($"stop {Service(containerId)}");
        _containers[containerId] = _containers[containerId] with { Status = "exited", ExitCode = 0 };
        return Task.CompletedTask;
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        Record($"remove {Service(containerId)}");
        _containers.TryRemove(containerId, out _);
        return Task.CompletedTask;
    }

    public Task<ContainerState?> InspectContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.GetValueOrDefault(containerId));

    /// <summary>Services whose health checks take this long (each run).</summary>
    public Dictionary<string, TimeSpan> HealthCheckTimes { get; } = [];

    /// <summary>Records <c>healthy &lt;service&gt;</c> in <see cref="Calls"/> when a check passes.</summary>
    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var service = Service(containerId);
        lock (Execs)
            Execs.Add((service, command));
        if (HealthCheckTimes.TryGetValue(service, out var delay))
            await Task.Delay(delay, cancellationToken);
        if (UnhealthyServices.Contains(service))
            return new ExecResult(1, "connection refused");
        Record($"healthy {service}");
        return new ExecResult(0, "ok");
    }

    public Task CopyFileAsync(string containerId, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        lock (CopiedFiles)
            CopiedFiles.Add((containerId, path, System.Text.Encoding.UTF8.GetString(content.Span)));
        return Task.CompletedTask;
    }

    public Task<bool> ProbeHttpAsync(ContainerState container, int containerPort, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.TryGetValue(container.Id, out var state) && state.IsRunning);

    public async IAsyncEnumerable<string> ReadLogsAsync(string containerId, int tail, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return $"log of {Service(containerId)}";
    }

    /// <summary>What <see cref="GetUsageAsync"/> reports for running containers.</summary>
    public ContainerUsage Usage { get; set; } = new(0.5, 256L << 20, 1.0, 64L << 20);

    public Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.TryGetValue(containerId, out var c) && c.IsRunning ? Usage : null);

    public Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(_volumes.Keys
            .Where(v => v.StartsWith(environment + "/", StringComparison.Ordinal))
            .ToDictionary(v => v[(environment.Length + 1)..], _ => 100L << 20));

    public Task RemoveEnvironmentAsync(string environment, CancellationToken cancellationToken)
    {
        Record($"remove-environment {environment}");
        foreach (var container in _containers.Values.Where(c => c.Environment == environment))
            _containers.TryRemove(container.Id, out _);
        _networks.TryRemove($"skiff-{environment}", out _);
        foreach (var volume in _volumes.Keys.Where(v => v.StartsWith(environment + "/", StringComparison.Ordinal)))
            _volumes.TryRemove(volume, out _);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> CallsStartingWith(string prefix) => [.. Calls.Where(c => c.StartsWith(prefix, StringComparison.Ordinal))];

    private string Service(string containerId) => _containers.TryGetValue(containerId, out var c) ? c.Service : containerId;

    private void Record(string call) => Calls.Enqueue(call);
}
