using Skiff.Core.Specs;

namespace Skiff.Server.Reconciliation;

/// <summary>An environment's spec as a deploy pass loaded it, with what the pass derives from it.</summary>
public sealed record LoadedSpec(AppSpec Spec, IReadOnlyList<string> Warnings)
{
    public string? PublicService { get; } = Spec.ResolvePublicService();

    /// <summary>The sum of the services' memory limits: what the environment holds of the host's capacity.</summary>
    public long ReservedMemoryBytes { get; } = Core.Planning.ResourceShares.Compute(Spec).Values.Sum(l => l.MemoryBytes ?? 0);
}

/// <summary>A deploy under way: its history row and when it began (a <see cref="TimeProvider"/> timestamp).</summary>
public sealed record DeployAttempt(long DeploymentId, long Began);
