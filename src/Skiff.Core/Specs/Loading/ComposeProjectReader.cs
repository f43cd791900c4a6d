using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>The parts of an <see cref="AppSpec"/> a merged Compose project gives.</summary>
internal sealed record ProjectParts(
    string? Name,
    SourceLocation? NameLocation,
    ImmutableArray<ServiceSpec> Services,
    ImmutableArray<VolumeSpec> Volumes);

/// <summary>
/// Reads a merged Compose project (after includes, extends, overrides and skiff.yaml): top-level
/// keys, volumes, secrets and configs, and the services the active profiles enable.
/// </summary>
internal static class ComposeProjectReader
{
    public static readonly ImmutableArray<string> TopLevelKeys =
        ["version", "name", "include", "services", "volumes", "networks", "secrets", "configs", "x-skiff"];

    public static ProjectParts Read(YMapping project, ReadContext context, IReadOnlySet<string> activeProfiles)
    {
        string? name = null;
        SourceLocation? nameLocation = null;
        var volumes = ImmutableArray<VolumeSpec>.Empty;
        var secrets = new Dictionary<string, FileDefinition>(StringComparer.Ordinal);
        var configs = new Dictionary<string, FileDefinition>(StringComparer.Ordinal);
        YMapping? services = null;

        foreach (var entry in project.Entries)
        {
            var key = entry.Key.Value;
            switch (key)
            {
                case "version":
                    context.Diagnostics.Warn(entry.Key, key, "the top-level 'version' key is obsolete and ignored");
                    break;
                case "name":
                    name = context.Read.RequiredString(entry.Value, key, "a project name");
                    nameLocation = entry.Value.Location;
                    break;
                case "include":
                    break;
                case "services":
                    services = context.Read.MappingOrNull(entry.Value, key, "a mapping of service names to services");
                    break;
                case "volumes":
                    volumes = ReadVolumes(entry.Value, context);
                    break;
                case "networks":
                    ReadNetworks(entry, context);
                    break;
                case "secrets":
                    ReadFileDefinitions(entry.Value, key, FileMountKind.Secret, context, secrets);
                    break;
                case "configs":
                    ReadFileDefinitions(entry.Value, key, FileMountKind.Config, context, configs);
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, key,
                        $"unknown top-level key '{key}'; expected one of: {string.Join(", ", TopLevelKeys)} or an x-* extension{Suggestions.Hint(key, TopLevelKeys)}");
                    break;
            }
        }

        var specs = ReadServices(services, context, activeProfiles, secrets, configs);
        return new ProjectParts(name, nameLocation, specs, volumes);
    }

    private static ImmutableArray<ServiceSpec> ReadServices(YMapping? services, ReadContext context, IReadOnlySet<string> activeProfiles,
        IReadOnlyDictionary<string, FileDefinition> secrets, IReadOnlyDictionary<string, FileDefinition> configs)
    {
        if (services is null)
            return [];
        var (enabled, disabled) = ProfileFilter.Split(services, activeProfiles);
        var result = ImmutableArray.CreateBuilder<ServiceSpec>();
        foreach (var entry in enabled)
        {
            if (ComposeServiceReader.Read(entry, context, secrets, configs) is not { } service)
                continue;
            result.Add(service with { DependsOn = DropDisabled(service, disabled, context) });
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// As compose-go does: a dependency on a service its profiles disable is an error, unless the
    /// dependency says <c>required: false</c>, in which case it is dropped.
    /// </summary>
    private static ImmutableArray<DependencySpec> DropDisabled(ServiceSpec service, IReadOnlyDictionary<string, ImmutableArray<string>> disabled,
        ReadContext context)
    {
        var kept = ImmutableArray.CreateBuilder<DependencySpec>();
        foreach (var dependency in service.DependsOn)
        {
            if (!disabled.TryGetValue(dependency.Service, out var profiles))
            {
                kept.Add(dependency);
                continue;
            }
            if (dependency.Required)
            {
                context.Diagnostics.Error(dependency.Location, $"services.{service.Name}.depends_on",
                    $"service '{service.Name}' depends on service '{dependency.Service}', which is disabled because none of its profiles ({string.Join(", ", profiles)}) is active; activate one of them or mark the dependency required: false");
            }
        }
        return kept.ToImmutable();
    }

    private static ImmutableArray<VolumeSpec> ReadVolumes(YNode node, ReadContext context)
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

    private static void ReadNetworks(YEntry entry, ReadContext context)
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

    private static void ReadFileDefinitions(YNode node, string section, FileMountKind kind, ReadContext context, Dictionary<string, FileDefinition> into)
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
