using System.Collections.Immutable;
using Skiff.Core.Runtime;

namespace Skiff.Core.Planning;

/// <summary>The difference between an environment's spec and what the engine holds, service by service.</summary>
public sealed record DeployPlan
{
    public required string Environment { get; init; }

    /// <summary>One step per service of the spec, in declaration order.</summary>
    public ImmutableArray<ServiceStep> Steps { get; init; } = [];

    /// <summary>Containers of services that are no longer in the spec: removed once the new version is ready.</summary>
    public ImmutableArray<ContainerState> Orphans { get; init; } = [];

    /// <summary>Compose-level names of the named volumes the spec uses.</summary>
    public ImmutableArray<string> Volumes { get; init; } = [];

    public bool IsNoOp => Steps.All(s => s.Action == ServiceAction.Keep) && Orphans.IsEmpty && Steps.All(s => s.Stale.IsEmpty);

    public ServiceStep? Find(string service) => Steps.FirstOrDefault(s => s.Revision.Service.Name == service);
}

/// <summary>One service's step.</summary>
/// <param name="Current">The container with the wanted hash (Keep, Adopt, Start) or the one being replaced (Replace).</param>
/// <param name="Stale">Other containers of the service (leftovers of interrupted deploys), removed once the new version is ready.</param>
public sealed record ServiceStep(ServiceRevision Revision, ServiceAction Action, ContainerState? Current, ImmutableArray<ContainerState> Stale);
