using System.Collections.Concurrent;

namespace Skiff.Server.Sources;

/// <summary>One asynchronous lock per repository: work on one repository is serialised, different repositories run in parallel.</summary>
internal sealed class RepositoryLocks
{
    private readonly ConcurrentDictionary<RepositoryName, SemaphoreSlim> _locks = new();

    public async Task<Releaser> AcquireAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var semaphore = _locks.GetOrAdd(repository, static _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Releaser(semaphore);
    }

    public readonly struct Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
