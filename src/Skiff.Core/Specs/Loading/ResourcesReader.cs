namespace Skiff.Core.Specs.Loading;

/// <summary>Skiff's own <c>resources: {cpu, memory}</c> (skiff.yaml, <c>x-skiff</c>, and a service's <c>x-skiff</c>).</summary>
internal static class ResourcesReader
{
    public static ResourceLimits? Read(YNode node, string path, ReadContext context)
    {
        if (context.Read.Mapping(node, path, "a mapping with cpu and/or memory, such as {cpu: 2, memory: 2GiB}") is not { } mapping)
            return null;
        var limits = new ResourceLimits { Location = mapping.Location };
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "cpu" or "cpus":
                    limits = limits with { Cpus = context.Read.PositiveNumber(entry.Value, keyPath, "a positive number of CPU cores such as 2 or \"1.5\"") };
                    break;
                case "memory":
                    limits = limits with { MemoryBytes = context.Read.Bytes(entry.Value, keyPath) };
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in resources; expected cpu or memory");
                    break;
            }
        }
        return limits;
    }
}
