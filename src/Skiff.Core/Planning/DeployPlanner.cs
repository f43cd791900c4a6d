using System.Collections.Immutable;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;

namespace Skiff.Core.Planning;

/// <summary>
/// Compares what a spec asks for with what the engine holds and decides, per service, whether to
/// keep, start, create or replace its container. Pure: no I/O beyond hashing the build contexts.
/// </summary>
public static class DeployPlanner
{
    /// <param name="knownReady">Ids of containers a previous deploy saw ready; a running container with the wanted hash that is not among them is re-checked (Adopt).</param>
    /// <param name="oneShots">Services a dependent needs to complete successfully: an exited-0 container of theirs with the wanted hash is kept, not re-run.</param>
    public static DeployPlan Plan(string environment, AppSpec spec, EnvironmentState actual, IReadOnlySet<string> knownReady, IReadOnlySet<string>? oneShots = null)
    {
        var limits = ResourceShares.Compute(spec);
        var byService = actual.Containers.GroupBy(c => c.Service).ToDictionary(g => g.Key, g => g.ToList());
        var steps = ImmutableArray.CreateBuilder<ServiceStep>();

        foreach (var service in spec.Services)
        {
            var revision = ServiceRevision.For(environment, service, limits[service.Name], spec.SourceDirectory);
            var existing = byService.GetValueOrDefault(service.Name) ?? [];
            steps.Add(StepFor(revision, existing, knownReady, oneShots?.Contains(service.Name) == true));
        }

        var wanted = spec.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var orphans = actual.Containers.Where(c => !wanted.Contains(c.Service)).ToImmutableArray();
        var volumes = spec.Services.SelectMany(s => s.Mounts)
            .Where(m => m.Type == MountType.Volume && m.Source is not null)
            .Select(m => m.Source!)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();

        return new DeployPlan { Environment = environment, Steps = steps.ToImmutable(), Orphans = orphans, Volumes = volumes };
    }

    private static ServiceStep StepFor(ServiceRevision revision, List<ContainerState> existing, IReadOnlySet<string> knownReady, bool oneShot)
    {
        var same = existing.Where(c => c.Hash == revision.Hash).OrderByDescending(c => c.IsRunning).FirstOrDefault();
        if (same is not null)
        {
            var stale = existing.Where(c => c.Id != same.Id).ToImmutableArray();
            var completed = oneShot && !same.IsRunning && same.ExitCode == 0;
            var action = completed ? ServiceAction.Keep
                : !same.IsRunning ? ServiceAction.Start
                : knownReady.Contains(same.Id) ? ServiceAction.Keep
                : ServiceAction.Adopt;
            return new ServiceStep(revision, action, same, stale);
        }

        // Replace the running container (the newest if several); every other one is stale.
        var current = existing.Where(c => c.IsRunning).OrderByDescending(c => c.CreatedAt).FirstOrDefault();
        var others = existing.Where(c => c.Id != current?.Id).ToImmutableArray();
        return current is null
            ? new ServiceStep(revision, ServiceAction.Create, null, others)
            : new ServiceStep(revision, ServiceAction.Replace, current, others);
    }
}
