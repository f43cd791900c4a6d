using System.Collections.Concurrent;

namespace Skiff.Server.Activity;

/// <summary>
/// The last request the router saw for each environment, in memory (a touch costs one dictionary
/// write per request); <see cref="ActivityFlusher"/> writes it to the store every few seconds.
/// </summary>
public sealed class ActivityTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unsaved = new(StringComparer.Ordinal);

    public void Touch(string environment)
    {
        var now = time.GetUtcNow();
        _last[environment] = now;
        _unsaved[environment] = now;
    }

    public DateTimeOffset? LastRequest(string environment) => _last.TryGetValue(environment, out var at) ? at : null;

    /// <summary>The touches since the last call.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> TakeUnsaved()
    {
        var taken = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var name in _unsaved.Keys)
        {
            if (_unsaved.TryRemove(name, out var at))
                taken[name] = at;
        }
        return taken;
    }

    public void Forget(string environment)
    {
        _last.TryRemove(environment, out _);
        _unsaved.TryRemove(environment, out _);
    }
}
