namespace Skiff.Runtime.Docker.Usage;

/// <summary>
/// Keeps one <c>/system/df</c> answer for a short while. The engine computes every image's and
/// volume's size for it (about 1 s on Podman 4.3 even for a few volumes, and it ignores
/// <c>type=volume</c>), and the cost meter asks once per environment in one pass: they share one answer.
/// </summary>
internal sealed class DiskUsageCache(TimeSpan lifetime, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, long>? _sizes;
    private DateTimeOffset _readAt;

    public async Task<IReadOnlyDictionary<string, long>> GetAsync(
        Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_sizes is { } fresh && time.GetUtcNow() - _readAt < lifetime)
                return fresh;
            _sizes = await read(cancellationToken);
            _readAt = time.GetUtcNow();
            return _sizes;
        }
        finally
        {
            _gate.Release();
        }
    }
}
