using System.Collections.Immutable;
using Skiff.Core.Specs;

namespace Skiff.Core.Planning;

/// <summary>
/// Applies an environment's CPU and memory caps: services with their own limits keep them, and the
/// rest of each cap is shared equally among the services without one, so the sum of all limits
/// never exceeds the cap.
/// </summary>
public static class ResourceShares
{
    public static ImmutableDictionary<string, ResourceLimits> Compute(AppSpec spec)
    {
        var cap = spec.Settings.Resources;
        var services = spec.Services;
        var memory = Share(cap.MemoryBytes, services.Select(s => s.Resources.MemoryBytes).ToList(), v => v, v => (long)v);
        var cpus = Share(cap.Cpus, services.Select(s => s.Resources.Cpus).ToList(), v => v, v => v);
        var result = ImmutableDictionary.CreateBuilder<string, ResourceLimits>();
        for (var i = 0; i < services.Length; i++)
            result[services[i].Name] = new ResourceLimits(cpus[i], memory[i]);
        return result.ToImmutable();
    }

    private static List<T?> Share<T>(T? cap, List<T?> own, Func<T, double> toDouble, Func<double, T> fromDouble)
        where T : struct
    {
        if (cap is null)
            return own;
        var claimed = own.Where(v => v is not null).Sum(v => toDouble(v!.Value));
        var unset = own.Count(v => v is null);
        if (unset == 0)
            return own;
        var each = Math.Max(0, toDouble(cap.Value) - claimed) / unset;
        return own.Select(v => (T?)(v ?? fromDouble(each))).ToList();
    }
}
