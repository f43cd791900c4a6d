namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's <c>deploy:</c>: only <c>resources.limits</c> (cpus, memory) is used; the rest
/// concerns swarm-style orchestration and is ignored with a warning.
/// </summary>
internal static class DeployReader
{
    private static readonly Dictionary<string, string> Ignored = new()
    {
        ["mode"] = "Skiff runs one container per service",
        ["placement"] = "an environment runs on one host",
        ["restart_policy"] = "use the service's 'restart' key",
        ["update_config"] = "Skiff replaces changed services itself",
        ["rollback_config"] = "Skiff replaces changed services itself",
        ["labels"] = "labels are not used",
        ["endpoint_mode"] = "services are reached by name on the environment's network",
    };

    public static ResourceLimits? Read(YNode node, string path, ReadContext context)
    {
        if (context.Read.MappingOrNull(node, path) is not { } deploy)
            return null;
        ResourceLimits? limits = null;
        foreach (var entry in deploy.Entries)
        {
            var key = entry.Key.Value;
            var keyPath = KeyPaths.Child(path, key);
            switch (key)
            {
                case "resources":
                    limits = ReadResources(entry.Value, keyPath, context);
                    break;
                case "replicas":
                    if (context.Read.Int(entry.Value, keyPath, min: 0) is { } replicas and not 1)
                        context.Diagnostics.Warn(entry.Key, keyPath, $"'deploy.replicas: {replicas}' is ignored: Skiff runs one container per service");
                    break;
                case var ignored when Ignored.TryGetValue(ignored, out var reason):
                    context.Diagnostics.Warn(entry.Key, keyPath, $"'deploy.{ignored}' is ignored: {reason}");
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{key}' in deploy; expected resources, replicas, mode, placement, restart_policy, update_config, rollback_config, labels or endpoint_mode");
                    break;
            }
        }
        return limits;
    }

    private static ResourceLimits? ReadResources(YNode node, string path, ReadContext context)
    {
        if (context.Read.MappingOrNull(node, path) is not { } resources)
            return null;
        ResourceLimits? limits = null;
        foreach (var entry in resources.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "limits":
                    limits = ReadLimits(entry.Value, keyPath, context);
                    break;
                case "reservations":
                    context.Diagnostics.Warn(entry.Key, keyPath, "'deploy.resources.reservations' is ignored: only limits are applied");
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in deploy.resources; expected limits or reservations");
                    break;
            }
        }
        return limits;
    }

    private static ResourceLimits? ReadLimits(YNode node, string path, ReadContext context)
    {
        if (context.Read.MappingOrNull(node, path) is not { } mapping)
            return null;
        var limits = new ResourceLimits { Location = mapping.Location };
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "cpus":
                    limits = limits with { Cpus = context.Read.PositiveNumber(entry.Value, keyPath) };
                    break;
                case "memory":
                    limits = limits with { MemoryBytes = context.Read.Bytes(entry.Value, keyPath) };
                    break;
                case "pids" or "devices":
                    context.Diagnostics.Warn(entry.Key, keyPath, $"'deploy.resources.limits.{entry.Key.Value}' is ignored: only cpus and memory are applied");
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in deploy.resources.limits; expected cpus or memory");
                    break;
            }
        }
        return limits;
    }
}
