using System.Threading.Channels;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Environment keys waiting to be reconciled. A key is queued at most once; a key enqueued while
/// its worker runs is marked dirty and queued again when that worker completes, so one
/// environment is reconciled by one worker at a time and a burst of triggers collapses into one
/// more pass that reads the newest desired state.
/// </summary>
public sealed class ReconcileQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    public void Enqueue(string key)
    {
        lock (_gate)
        {
            if (_running.Contains(key))
                _dirty.Add(key);
            else if (_queued.Add(key))
                _channel.Writer.TryWrite(key);
        }
    }

    /// <summary>Waits for the next key and marks it running.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _channel.Reader.ReadAsync(cancellationToken);
        lock (_gate)
        {
            _queued.Remove(key);
            _running.Add(key);
        }
        return key;
    }

    /// <summary>Marks a key's worker finished; queues it again if it was enqueued meanwhile.</summary>
    public void Complete(string key)
    {
        lock (_gate)
        {
            _running.Remove(key);
            if (_dirty.Remove(key) && _queued.Add(key))
                _channel.Writer.TryWrite(key);
        }
    }

    /// <summary>True while the key is queued or being reconciled.</summary>
    public bool IsBusy(string key)
    {
        lock (_gate)
            return _queued.Contains(key) || _running.Contains(key);
    }
}
