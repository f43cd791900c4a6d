namespace Skiff.Server.Costs;

/// <summary>
/// The last CPU-seconds counter read from each container, so each sample can count the CPU time of
/// its own interval. The engine's counter runs from the container's (re)start: a counter lower than
/// the last one means the container restarted, and all of it belongs to the new interval.
/// </summary>
internal sealed class CpuCounters
{
    /// <summary>Containers not read for this many passes (removed, or their environment unreadable) are forgotten.</summary>
    private const int ForgetAfterPasses = 10;

    private readonly Dictionary<string, (double Counter, long Pass)> _last = new(StringComparer.Ordinal);
    private long _pass;

    /// <summary>
    /// CPU-seconds used since the last reading of <paramref name="containerId"/>. A container seen
    /// for the first time counts its whole counter when <paramref name="startedInInterval"/> (it was
    /// created during this interval), else nothing (its earlier use fell in intervals nobody sampled).
    /// </summary>
    public double Advance(string containerId, double counter, bool startedInInterval)
    {
        double used;
        if (_last.TryGetValue(containerId, out var last))
            used = counter >= last.Counter ? counter - last.Counter : counter;
        else
            used = startedInInterval ? counter : 0;
        _last[containerId] = (counter, _pass);
        return Math.Max(0, used);
    }

    /// <summary>Ends a pass over every environment.</summary>
    public void EndPass()
    {
        foreach (var (id, entry) in _last.ToList())
        {
            if (entry.Pass <= _pass - ForgetAfterPasses)
                _last.Remove(id);
        }
        _pass++;
    }

    public int Count => _last.Count;
}
