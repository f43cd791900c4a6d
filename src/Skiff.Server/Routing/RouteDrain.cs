using Skiff.Core.Deploy;
using Skiff.Server.Reconciliation;
using Yarp.ReverseProxy;
using Skiff.Server.Serving;

namespace Skiff.Server.Routing;

/// <summary>
/// <see cref="IRouteDrain"/> over YARP: first waits until the proxy's live state (not only the
/// configuration handed to it) names none of the leaving addresses, then until no request counted
/// by <see cref="InFlightRequests"/> is on its way to them — twice in a row, a settle interval
/// apart, so a request that picked its destination just before the switch is counted by then.
/// </summary>
public sealed class RouteDrain(IProxyStateLookup proxy, InFlightRequests inFlight, RoutingOptions options, TimeProvider time, ILogger<RouteDrain> logger) : IRouteDrain
{
    public async Task DrainAsync(string environment, IReadOnlyCollection<ServiceSnapshot> leaving, CancellationToken cancellationToken)
    {
        var addresses = leaving.Select(RouteTarget.AddressOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (addresses.Count == 0)
            return;
        var began = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.DrainTimeout);
        try
        {
            while (StillRouted(addresses))
                await Task.Delay(options.DrainPoll, time, deadline.Token);
            var quietChecks = 0;
            while (quietChecks < 2)
            {
                quietChecks = addresses.All(a => inFlight.Count(a) == 0) ? quietChecks + 1 : 0;
                if (quietChecks < 2)
                    await Task.Delay(quietChecks == 1 ? options.DrainSettle : options.DrainPoll, time, deadline.Token);
            }
            logger.LogDebug("Drained {Count} leaving containers of {Environment} in {Milliseconds} ms", addresses.Count, environment,
                (long)time.GetElapsedTime(began).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Drain of {Environment} timed out after {Timeout}: {Requests} requests still in flight to containers about to be removed",
                environment, options.DrainTimeout, addresses.Sum(inFlight.Count));
        }
    }

    private bool StillRouted(HashSet<string> addresses) =>
        proxy.GetClusters().Any(cluster => cluster.Destinations.Values.Any(d => addresses.Contains(d.Model.Config.Address)));
}
