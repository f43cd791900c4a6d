using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Resolves <c>extends</c> in one file's services: <c>extends: base</c> or
/// <c>{service: base, file: other.yaml}</c> (relative to the declaring file). The base is resolved
/// first (extends nest), then the service is merged over it with the Compose merge rules; the
/// base's relative paths keep resolving against its own file. Cycles are errors.
/// </summary>
internal sealed class ExtendsResolver
{
    public const int MaxDepth = 32;

    private readonly ComposeFileLoader _loader;
    private readonly VariableScope _scope;
    private readonly Dictionary<string, YNode> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<YMapping, Dictionary<string, YEntry>> _indexes = new(ReferenceEqualityComparer.Instance);

    private ExtendsResolver(ComposeFileLoader loader, VariableScope scope)
    {
        _loader = loader;
        _scope = scope;
    }

    private Diagnostics Diagnostics => _loader.Context.Diagnostics;

    public static YMapping Apply(YMapping layer, ComposeFileLoader loader, VariableScope scope)
    {
        if (layer.FindEntry("services") is not { Value: YMapping services } entry)
            return layer;
        if (!services.Entries.Any(e => e.Value is YMapping m && m.ContainsKey("extends")))
            return layer;

        var resolver = new ExtendsResolver(loader, scope);
        var file = layer.Source.FullPath;
        var resolved = services.Entries
            .Select(e => e with { Value = resolver.Resolve(file, services, e.Key.Value, []) ?? e.Value })
            .ToImmutableArray();
        return layer.With(entry.Key, services with { Entries = resolved });
    }

    private YNode? Resolve(string file, YMapping services, string name, ImmutableList<(string File, string Service)> chain)
    {
        var key = $"{file}\n{name}";
        if (_resolved.TryGetValue(key, out var done))
            return done;
        if (Find(services, name) is not { } entry)
            return null;
        if (entry.Value is not YMapping service || service.FindEntry("extends") is not { } extends)
            return entry.Value;

        var path = $"services.{name}.extends";
        var own = service.Without("extends");
        var result = (YNode)own;
        var resolved = false;
        if (ReadReference(extends.Value, path) is { } reference)
        {
            if (chain.Count >= MaxDepth)
            {
                Diagnostics.Error(extends.Value, path, $"extends nests more than {MaxDepth} levels deep; flatten the chain of bases");
                _loader.Context.ServicesWithBrokenSource.Add(name);
                return own;
            }
            if (chain.Contains((file, name)))
            {
                Diagnostics.Error(extends.Value, path, $"extends cycle detected: {Describe(chain.Add((file, name)), file)}");
                _loader.Context.ServicesWithBrokenSource.Add(name);
                return own;
            }
            if (FindBase(reference, file, services, name, extends.Value, path) is var (baseFile, baseServices) &&
                Resolve(baseFile, baseServices, reference.Service, chain.Add((file, name))) is { } resolvedBase)
            {
                result = ComposeMerge.MergeServices(resolvedBase, own);
                resolved = true;
            }
        }
        if (!resolved)
            _loader.Context.ServicesWithBrokenSource.Add(name);
        _resolved[key] = result;
        return result;
    }

    /// <summary>A service entry by name, through an index per services mapping (chains of extends look up often).</summary>
    private YEntry? Find(YMapping services, string name)
    {
        if (!_indexes.TryGetValue(services, out var index))
        {
            index = new Dictionary<string, YEntry>(StringComparer.Ordinal);
            foreach (var entry in services.Entries)
                index.TryAdd(entry.Key.Value, entry);
            _indexes[services] = index;
        }
        return index.GetValueOrDefault(name);
    }

    private sealed record Reference(string Service, YScalar? File);

    private Reference? ReadReference(YNode node, string path)
    {
        var read = _loader.Context.Read;
        if (node is YScalar)
            return read.RequiredString(node, path, "the name of the service to extend") is { } name ? new Reference(name, null) : null;
        if (read.Mapping(node, path, "a service name or a mapping with 'service' (and 'file')") is not { } mapping)
            return null;

        string? service = null;
        YScalar? file = null;
        foreach (var item in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, item.Key.Value);
            switch (item.Key.Value)
            {
                case "service":
                    service = read.RequiredString(item.Value, keyPath, "the name of the service to extend");
                    break;
                case "file":
                    if (read.RequiredString(item.Value, keyPath, "the path of a Compose file") is not null)
                        file = (YScalar)item.Value;
                    break;
                default:
                    Diagnostics.Error(item.Key, keyPath, $"unknown key '{item.Key.Value}' in extends; expected service or file");
                    return null;
            }
        }
        if (service is null)
        {
            if (!mapping.ContainsKey("service"))
                Diagnostics.Error(mapping, path, "extends needs 'service', the name of the service to extend");
            return null;
        }
        return new Reference(service, file);
    }

    private (string File, YMapping Services)? FindBase(Reference reference, string file, YMapping services, string name, YNode at, string path)
    {
        var baseFile = file;
        var baseServices = services;
        if (reference.File is { } fileNode)
        {
            var context = _loader.Context;
            var declaringFolder = Path.GetDirectoryName(fileNode.Source.FullPath) ?? context.RootDirectory;
            if (context.ResolveReadablePath(fileNode, KeyPaths.Child(path, "file"), declaringFolder, fileNode.Value, "extends file") is not { } full)
                return null;
            var folder = Path.GetDirectoryName(full)!;
            if (_loader.LoadInterpolated(full, folder, _scope, fileNode.Location, KeyPaths.Child(path, "file")) is not { } other)
                return null;
            baseFile = full;
            baseServices = other["services"] as YMapping ?? YMapping.EmptyAt(other);
        }

        if (Find(baseServices, reference.Service) is null)
        {
            var where = reference.File is null ? "this file" : $"'{reference.File.Value}'";
            Diagnostics.Error(at, path, $"service '{name}' extends '{reference.Service}', which is not a service of {where}");
            return null;
        }
        return (baseFile, baseServices);
    }

    private string Describe(ImmutableList<(string File, string Service)> chain, string origin)
    {
        var oneFile = chain.All(link => link.File == origin);
        var closing = chain.First(link => link == chain[^1]);
        var names = chain.SkipWhile(link => link != closing)
            .Select(link => oneFile ? link.Service : $"{_loader.Context.SourceFor(link.File).DisplayPath}:{link.Service}");
        return string.Join(" -> ", names);
    }
}
