using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// The top-level definitions of a Compose project: named volumes (external ones are refused by the
/// validator), networks (ignored: one private network per environment), and secrets and configs
/// from files.
/// </summary>
internal static class DefinitionsReader
{
    public static ImmutableArray<VolumeSpec> ReadVolumes(YNode node, ReadContext context)
    {
        if (context.Read.MappingOrNull(node, "volumes", "a mapping of volume names") is not { } mapping)
            return [];
        var result = ImmutableArray.CreateBuilder<VolumeSpec>();
        foreach (var entry in mapping.Entries)
        {
            var path = KeyPaths.Child("volumes", entry.Key.Value);
            var external = false;
            var location = entry.Key.Location;
            if (context.Read.MappingOrNull(entry.Value, path, "a mapping (or nothing)") is { } volume)
            {
                foreach (var item in volume.Entries)
                {
                    var keyPath = KeyPaths.Child(path, item.Key.Value);
                    switch (item.Key.Value)
                    {
                        case "external":
                            external = item.Value is YMapping || context.Read.Bool(item.Value, keyPath) == true;
                            if (external)
                                location = item.Key.Location;
                            break;
                        case "driver" when item.Value is YScalar { Value: "local" } or YScalar { IsNull: true }:
                            break;
                        case "driver" or "driver_opts" or "labels" or "name":
                            context.Diagnostics.Warn(item.Key, keyPath, $"'{item.Key.Value}' of a volume is ignored: every environment gets its own local volume");
                            break;
                        case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                            break;
                        default:
                            context.Diagnostics.Error(item.Key, keyPath, $"unknown key '{item.Key.Value}' in volume '{entry.Key.Value}'; expected driver, driver_opts, external, labels or name");
                            break;
                    }
                }
            }
            result.Add(new VolumeSpec(entry.Key.Value, external) { Location = location });
        }
        return result.ToImmutable();
    }

    public static void ReadNetworks(YEntry entry, ReadContext context)
    {
        if (context.Read.MappingOrNull(entry.Value, "networks", "a mapping of network names") is not { } networks)
            return;
        if (networks.Entries.Length > 0)
            context.Diagnostics.Warn(entry.Key, "networks", "top-level networks are ignored: every environment gets one private network");
        foreach (var network in networks.Entries)
        {
            if (network.Value is YMapping definition && definition.FindEntry("external") is { } external &&
                (external.Value is YMapping || external.Value is YScalar { Value: "true" or "True" or "yes" }))
            {
                context.Diagnostics.Error(external.Key, $"networks.{network.Key.Value}.external",
                    $"external network '{network.Key.Value}' is not supported: environments are isolated and create their own network");
            }
        }
    }

    public static void ReadFiles(YNode node, string section, FileMountKind kind, ReadContext context, Dictionary<string, FileDefinition> into)
    {
        if (context.Read.MappingOrNull(node, section, $"a mapping of {section} names to {{file: path}}") is not { } mapping)
            return;
        var what = kind == FileMountKind.Secret ? "secret" : "config";
        foreach (var entry in mapping.Entries)
        {
            var path = KeyPaths.Child(section, entry.Key.Value);
            string? file = null;
            SourceLocation? fileLocation = null;
            var usable = true;
            if (context.Read.Mapping(entry.Value, path, "a mapping with 'file'") is not { } definition)
                continue;
            foreach (var item in definition.Entries)
            {
                var keyPath = KeyPaths.Child(path, item.Key.Value);
                switch (item.Key.Value)
                {
                    case "file":
                        if (context.Read.RequiredString(item.Value, keyPath, "a path in the repository") is not { } text)
                        {
                            usable = false;
                        }
                        else if (RepositoryPaths.Resolve(item.Value.Source.BaseDirectory, text) is { } full)
                        {
                            file = full;
                            fileLocation = item.Value.Location;
                        }
                        else
                        {
                            context.Diagnostics.Error(item.Value, keyPath, $"cannot use the {what} file: {RepositoryPaths.ExplainUnusable(text)}");
                            usable = false;
                        }
                        break;
                    case "external":
                        if (item.Value is YMapping || context.Read.Bool(item.Value, keyPath) == true)
                        {
                            context.Diagnostics.Error(item.Key, keyPath, $"external {what} '{entry.Key.Value}' is not supported: environments are isolated; keep the {what} in a file in the repository");
                            usable = false;
                        }
                        break;
                    case "environment" or "content":
                        context.Diagnostics.Error(item.Key, keyPath, $"a {what} from '{item.Key.Value}' is not supported; keep the {what} in a file in the repository and use 'file:'");
                        usable = false;
                        break;
                    case "name" or "driver" or "driver_opts" or "template_driver" or "labels":
                        context.Diagnostics.Warn(item.Key, keyPath, $"'{item.Key.Value}' of a {what} is ignored: the file is mounted as it is");
                        break;
                    case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                        break;
                    default:
                        context.Diagnostics.Error(item.Key, keyPath, $"unknown key '{item.Key.Value}' in {what} '{entry.Key.Value}'; expected file");
                        usable = false;
                        break;
                }
            }
            if (file is null && usable)
                context.Diagnostics.Error(definition, path, $"{what} '{entry.Key.Value}' needs 'file', the path of a file in the repository");
            into[entry.Key.Value] = new FileDefinition(kind, entry.Key.Value, usable ? file : null, entry.Key.Location, fileLocation);
        }
    }
}
