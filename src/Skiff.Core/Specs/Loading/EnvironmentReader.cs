using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's variables: <c>env_file</c> files first (later files win), then <c>environment</c>
/// (mapping or <c>KEY=VALUE</c> list) over them. <c>KEY</c> alone takes its value from the
/// variables and is left out when they do not set it.
/// </summary>
internal static class EnvironmentReader
{
    public static ImmutableSortedDictionary<string, string> Read(YNode? envFile, YNode? environment, string servicePath, ReadContext context)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (envFile is not null)
            ReadEnvFiles(envFile, KeyPaths.Child(servicePath, "env_file"), context, result);
        if (environment is not null)
            ReadEnvironment(environment, KeyPaths.Child(servicePath, "environment"), context, result);
        return result.Count == 0 ? ImmutableSortedDictionary<string, string>.Empty : result.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static void ReadEnvironment(YNode node, string path, ReadContext context, Dictionary<string, string> result)
    {
        if (context.Read.MappingOrNull(ComposeMerge.PairsAsMapping(node), path, "a mapping or a list of KEY=VALUE") is not { } mapping)
            return;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            var keyPath = KeyPaths.Child(path, key);
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                context.Diagnostics.Error(entry.Key, keyPath, $"'{key}' is not a variable name; expected KEY=VALUE with a name without blanks");
                continue;
            }
            if (entry.Value is YScalar { IsNull: true })
            {
                if (context.Variables.Get(key) is { } inherited)
                    result[key] = inherited;
                continue;
            }
            if (context.Read.String(entry.Value, keyPath, "a string, number or boolean") is { } value)
                result[key] = value;
        }
    }

    private static void ReadEnvFiles(YNode node, string path, ReadContext context, Dictionary<string, string> result)
    {
        var items = node switch
        {
            YScalar { IsNull: true } => [],
            YScalar scalar => [scalar],
            YSequence sequence => sequence.Items,
            _ => ImmutableArray<YNode>.Empty,
        };
        if (node is YMapping)
            context.Diagnostics.Error(node, path, "expected a path or a list of paths (or of {path, required}), found a mapping");

        for (var i = 0; i < items.Length; i++)
        {
            var itemPath = items.Length == 1 && node is YScalar ? path : KeyPaths.Item(path, i);
            if (ReadItem(items[i], itemPath, context) is not var (file, required, at))
                continue;
            var full = context.ResolveReadablePath(at, itemPath, at.Source.BaseDirectory, file, "environment file");
            if (full is null)
                continue;
            if (!File.Exists(full))
            {
                if (required && context.CheckFilesExist)
                    context.Diagnostics.Error(at, itemPath, $"the environment file '{file}' does not exist; create it or mark the entry required: false");
                else if (required)
                    context.Diagnostics.Warn(at, itemPath, $"the environment file '{file}' does not exist (file checks are off)");
                continue;
            }
            context.NoteFileRead(full);
            var snapshot = new Dictionary<string, string>(result, StringComparer.Ordinal);
            string? Lookup(string name) => snapshot.TryGetValue(name, out var v) ? v : context.Variables.Get(name);
            var values = EnvFile.Read(context.SourceFor(full), Lookup, context.Diagnostics, at.Location, itemPath);
            foreach (var (key, value) in values ?? new Dictionary<string, string>())
                result[key] = value;
        }
    }

    private static (string File, bool Required, YNode At)? ReadItem(YNode item, string path, ReadContext context)
    {
        if (item is YScalar)
            return context.Read.RequiredString(item, path, "a file path") is { } file ? (file, true, item) : null;
        if (context.Read.Mapping(item, path, "a path or {path, required}") is not { } mapping)
            return null;

        string? filePath = null;
        var required = true;
        YNode at = mapping;
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "path":
                    filePath = context.Read.RequiredString(entry.Value, keyPath, "a file path");
                    at = entry.Value;
                    break;
                case "required":
                    required = context.Read.Bool(entry.Value, keyPath) ?? true;
                    break;
                case "format" when entry.Value is YScalar { IsNull: true }:
                    break;
                case "format":
                    context.Diagnostics.Error(entry.Key, keyPath, "env_file 'format' is not supported; use a KEY=VALUE file without 'format'");
                    return null;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in env_file; expected path or required");
                    return null;
            }
        }
        if (filePath is null)
        {
            context.Diagnostics.Error(mapping, path, "an env_file entry needs 'path'");
            return null;
        }
        return (filePath, required, at);
    }
}
