using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's <c>secrets:</c> or <c>configs:</c> entries (a name, or <c>{source, target}</c>),
/// mounted read-only at <c>/run/secrets/NAME</c> or <c>/NAME</c> unless a target is given.
/// </summary>
internal static class FileMountReader
{
    private static readonly HashSet<string> LongKeys = ["source", "target", "uid", "gid", "mode"];

    public static ImmutableArray<FileMountSpec> Read(YNode node, string path, FileMountKind kind,
        IReadOnlyDictionary<string, FileDefinition> definitions, string serviceName, ReadContext context)
    {
        var result = ImmutableArray.CreateBuilder<FileMountSpec>();
        if (node is YScalar { IsNull: true } || context.Read.Sequence(node, path, "a list of names or {source, target}") is not { } sequence)
            return result.ToImmutable();

        var what = kind == FileMountKind.Secret ? "secret" : "config";
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var item = sequence.Items[i];
            var itemPath = KeyPaths.Item(path, i);
            string? source = null, target = null;
            if (item is YScalar)
            {
                source = context.Read.RequiredString(item, itemPath, $"a {what} name");
            }
            else if (context.Read.Mapping(item, itemPath, $"a {what} name or {{source, target}}") is { } mapping)
            {
                foreach (var entry in mapping.Entries)
                {
                    var keyPath = KeyPaths.Child(itemPath, entry.Key.Value);
                    switch (entry.Key.Value)
                    {
                        case "source":
                            source = context.Read.RequiredString(entry.Value, keyPath, $"a {what} name");
                            break;
                        case "target":
                            target = context.Read.RequiredString(entry.Value, keyPath, "a path in the container");
                            break;
                        case "uid" or "gid" or "mode":
                            context.Diagnostics.Warn(entry.Key, keyPath, $"'{entry.Key.Value}' is ignored: {what} files are mounted read-only, owned by root");
                            break;
                        case var extension when extension.StartsWith("x-", StringComparison.Ordinal) || LongKeys.Contains(extension):
                            break;
                        default:
                            context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in a {what}; expected source or target");
                            break;
                    }
                }
                if (source is null && !mapping.ContainsKey("source"))
                    context.Diagnostics.Error(mapping, itemPath, $"a {what} in the long syntax needs 'source', the name of a top-level {what}");
            }
            if (source is null)
                continue;
            if (!definitions.TryGetValue(source, out var definition))
            {
                context.Diagnostics.Error(item, itemPath, $"service '{serviceName}' refers to undefined {what} '{source}'; define it under the top-level '{what}s:' key");
                continue;
            }
            if (definition.Path is null)
                continue;
            result.Add(new FileMountSpec(kind, source, definition.Path, TargetFor(kind, source, target))
            {
                Location = item.Location,
                DefinitionLocation = definition.FileLocation ?? definition.Location,
            });
        }
        return result.ToImmutable();
    }

    private static string TargetFor(FileMountKind kind, string name, string? target)
    {
        var folder = kind == FileMountKind.Secret ? "/run/secrets/" : "/";
        if (string.IsNullOrEmpty(target))
            return folder + name;
        return target.StartsWith('/') ? target : folder + target;
    }
}
