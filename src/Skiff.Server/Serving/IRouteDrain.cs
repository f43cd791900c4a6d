using Skiff.Core.Deploy;

namespace Skiff.Server.Serving;

/// <summary>
/// After routes switched to a new version: waits until the router sends nothing more to the
/// containers that left (its routes no longer name them, and the requests they already took are
/// answered), bounded by a drain timeout. Only then may those containers be removed.
/// </summary>
public interface IRouteDrain
{
    Task DrainAsync(string environment, IReadOnlyCollection<ServiceSnapshot> leaving, CancellationToken cancellationToken);
}
