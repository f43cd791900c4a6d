using System.Collections.Concurrent;

namespace Skiff.Server.Routing;

/// <summary>
/// How many forwarded requests are on their way to each destination address right now, so a
/// container leaving the routes is removed only once the requests it already took are answered.
/// </summary>
public sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts a request to <paramref name="address"/> until the returned lease is disposed.</summary>
    public Lease Begin(string address)
    {
        _counts.AddOrUpdate(address, 1, (_, count) => count + 1);
        return new Lease(this, address);
    }

    public int Count(string address) => _counts.GetValueOrDefault(address);

    private void End(string address)
    {
        // A zero is removed only while it is still zero, so a request beginning meanwhile keeps its count.
        if (_counts.AddOrUpdate(address, 0, (_, count) => Math.Max(0, count - 1)) == 0)
            _counts.TryRemove(KeyValuePair.Create(address, 0));
    }

    public readonly struct Lease(InFlightRequests owner, string address) : IDisposable
    {
        public void Dispose() => owner.End(address);
    }
}
