using System.Collections.Concurrent;
using System.Collections.Immutable;
using Skiff.Core.Deploy;

namespace Skiff.Server.Serving;

/// <summary>
/// The in-memory view of every environment: which containers serve, and the live progress of
/// deploys. Loaded from the store at start-up and updated by deploys; the router reads it.
/// </summary>
public sealed class EnvironmentBoard
{
    private readonly ConcurrentDictionary<string, EnvironmentView> _views = new(StringComparer.Ordinal);

    /// <summary>Raised after the serving containers of any environment changed.</summary>
    public event Action? ServingChanged;

    public IReadOnlyCollection<EnvironmentView> All => _views.Values.ToList();

    public EnvironmentView? Find(string name) => _views.GetValueOrDefault(name);

    public void SetServing(string name, string? publicService, IEnumerable<ServiceSnapshot> serving)
    {
        var services = serving.ToImmutableArray();
        _views.AddOrUpdate(name,
            _ => new EnvironmentView { Name = name, PublicService = publicService, Serving = services },
            (_, view) => view with { PublicService = publicService, Serving = services });
        ServingChanged?.Invoke();
    }

    public void ReportProgress(string name, ServiceSnapshot service) =>
        _views.AddOrUpdate(name,
            _ => new EnvironmentView { Name = name, Progress = ImmutableDictionary<string, ServiceSnapshot>.Empty.SetItem(service.Name, service) },
            (_, view) => view with { Progress = view.Progress.SetItem(service.Name, service) });

    public void ClearProgress(string name) =>
        _views.AddOrUpdate(name, _ => new EnvironmentView { Name = name }, (_, view) => view with { Progress = ImmutableDictionary<string, ServiceSnapshot>.Empty });

    public void Remove(string name)
    {
        if (_views.TryRemove(name, out _))
            ServingChanged?.Invoke();
    }
}
