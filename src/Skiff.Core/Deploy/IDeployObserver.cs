using System.Collections.Immutable;

namespace Skiff.Core.Deploy;

/// <summary>Hears about a deploy as it goes. Calls come from several threads; implementations must be thread-safe.</summary>
public interface IDeployObserver
{
    void ServiceChanged(ServiceSnapshot service);

    /// <summary>
    /// Every service of the new version is ready; the old containers still run. This is the moment to
    /// switch traffic (routes) to the new version; the old containers are removed as soon as this
    /// returns, so it returns once they get no more requests and have answered the ones they took.
    /// </summary>
    ValueTask SwitchOverAsync(ImmutableArray<ServiceSnapshot> services, CancellationToken cancellationToken);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullDeployObserver : IDeployObserver
{
    public static NullDeployObserver Instance { get; } = new();

    public void ServiceChanged(ServiceSnapshot service)
    {
    }

    public ValueTask SwitchOverAsync(ImmutableArray<ServiceSnapshot> services, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
