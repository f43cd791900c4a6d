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
                    context.IncompleteProject |= services is null;
                    break;
                case "volumes":
                    volumes = DefinitionsReader.ReadVolumes(entry.Value, context);
                    break;
                case "networks":
                    DefinitionsReader.ReadNetworks(entry, context);
                    break;
                case "secrets":
                    DefinitionsReader.ReadFiles(entry.Value, key, FileMountKind.Secret, context, secrets);
                    break;
                case "configs":
                    DefinitionsReader.ReadFiles(entry.Value, key, FileMountKind.Config, context, configs);
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.IncompleteProject = true; // perhaps a misspelled 'services'
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
            {
                context.IncompleteProject = true;
                continue;
            }
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
}
