using System.Globalization;
using Skiff.Core.Units;

namespace Skiff.Core.Specs.Validation;

/// <summary>The environment cap (skiff.yaml <c>resources</c>) against services' explicit limits: each, and their sum.</summary>
internal static class ResourceBudget
{
    public static IEnumerable<SpecError> Check(AppSpec spec)
    {
        var cap = spec.Settings.Resources;
        if (cap.Cpus is { } cpuCap)
        {
            foreach (var service in spec.Services.Where(s => s.Resources.Cpus > cpuCap + 1e-9))
            {
                yield return new SpecError(service.Resources.Location ?? service.Location, $"services.{service.Name}",
                    $"service '{service.Name}' is limited to {Cpu(service.Resources.Cpus!.Value)} CPUs, above the environment's cap of {Cpu(cpuCap)} (resources.cpu)");
            }
            var total = spec.Services.Sum(s => s.Resources.Cpus ?? 0);
            if (total > cpuCap + 1e-9)
            {
                yield return new SpecError(cap.Location, "resources.cpu",
                    $"the services' explicit CPU limits add up to {Cpu(total)}, above the environment's cap of {Cpu(cpuCap)}; lower them or raise resources.cpu");
            }
        }
        if (cap.MemoryBytes is { } memoryCap)
        {
            foreach (var service in spec.Services.Where(s => s.Resources.MemoryBytes > memoryCap))
            {
                yield return new SpecError(service.Resources.Location ?? service.Location, $"services.{service.Name}",
                    $"service '{service.Name}' is limited to {ByteSize.Format(service.Resources.MemoryBytes!.Value)} of memory, above the environment's cap of {ByteSize.Format(memoryCap)} (resources.memory)");
            }
            var total = spec.Services.Sum(s => s.Resources.MemoryBytes ?? 0);
            if (total > memoryCap)
            {
                yield return new SpecError(cap.Location, "resources.memory",
                    $"the services' explicit memory limits add up to {ByteSize.Format(total)}, above the environment's cap of {ByteSize.Format(memoryCap)}; lower them or raise resources.memory");
            }
        }
    }

    private static string Cpu(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
