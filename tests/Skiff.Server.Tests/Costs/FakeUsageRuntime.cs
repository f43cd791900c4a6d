using System.Collections.Concurrent;
using System.Collections.Immutable;
using Skiff.Core.Runtime;
using Skiff.Core.Environments;

namespace Skiff.Server.Tests.Costs;

/// <summary>
/// A runtime that only reads: states, usage and volume sizes the test sets, and a record of what
/// was asked. Everything that would change an environment throws.
/// </summary>
internal sealed class FakeUsageRuntime : IEnvironmentRuntime
{
    private readonly ConcurrentDictionary<string, EnvironmentState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ContainerUsage> _usage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, long>> _volumes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _broken = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public static ContainerState Container(string environment, string service, string id, bool running = true, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Name = $"skiff-{environment}-{service}-{id}",
        Environment = environment,
        Service = service,
        Hash = id,
        Image = "localhost/test:1",
        Status = running ? "running" : "exited",
        ExitCode = running ? null : 0,
        CreatedAt = createdAt ?? DateTimeOffset.UnixEpoch,
    };

    public void SetState(string environment, ImmutableArray<ContainerState> containers, params string[] volumes) =>
        _states[environment] = new EnvironmentState { Environment = environment, Containers = containers, Volumes = [.. volumes] };

    public void SetUsage(string containerId, ContainerUsage? usage)
    {
        if (usage is null)
            _usage.TryRemove(containerId, out _);
        else
            _usage[containerId] = usage;
    }

    public void SetVolumeSizes(string environment, IReadOnlyDictionary<string, long> sizes) => _volumes[environment] = sizes;

    /// <summary>Every read of <paramref name="environment"/> fails with a driver error (null: works again).</summary>
    public void Break(string environment, string? message)
    {
        if (message is null)
            _broken.TryRemove(environment, out _);
        else
            _broken[environment] = message;
    }

    /// <summary>When set, the next state read throws it (an unexpected failure, not a driver error).</summary>
    public Exception? FailNextRead
    {
        get => _failNext;
        set => _failNext = value;
    }

    private Exception? _failNext;

    public string Name => "fake";

    public Task<EnvironmentState> ObserveAsync(string environment, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"state {environment}");
        if (Interlocked.Exchange(ref _failNext, null) is { } failure)
            throw failure;
        if (_broken.TryGetValue(environment, out var message))
            throw new DriverException(message);
        return Task.FromResult(_states.TryGetValue(environment, out var state) ? state : new EnvironmentState { Environment = environment });
    }

    public Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"usage {containerId}");
        return Task.FromResult(_usage.TryGetValue(containerId, out var usage) ? usage : null);
    }

    /// <summary>When true, volume sizes fail with a driver error (as <c>/system/df</c> does now and then under churn).</summary>
    public bool VolumeSizesFail { get; set; }

    public Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"volumes {environment}");
        if (VolumeSizesFail)
            throw new DriverException("cannot read disk usage (/system/df): the engine answered 500 InternalServerError");
        return Task.FromResult(_volumes.TryGetValue(environment, out var sizes) ? sizes : new Dictionary<string, long>());
    }

    public Task<IReadOnlyList<string>> ListEnvironmentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _states.Keys.Order(StringComparer.Ordinal)]);

    public Task<Core.Deploy.DeployOutcome> DeployAsync(Core.Deploy.DeployRequest request, Core.Deploy.IDeployObserver observer, CancellationToken cancellationToken) => throw ReadOnly();
    public Task<int> SuspendAsync(string environment, CancellationToken cancellationToken) => throw ReadOnly();
    public Task RemoveAsync(string environment, CancellationToken cancellationToken) => throw ReadOnly();
    public IAsyncEnumerable<string> ReadLogsAsync(string instanceId, int tail, bool follow, CancellationToken cancellationToken) => throw ReadOnly();
    public Task<RuntimeInfo> IdentifyAsync(CancellationToken cancellationToken) => throw ReadOnly();
    public Task<string?> ProblemAsync(CancellationToken cancellationToken) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("the cost meter only reads from the runtime");
}
