using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// The top-level <c>include:</c> of a Compose file: each entry (a path, or
/// <c>{path, project_directory, env_file}</c>) is loaded as its own project, relative to the
/// including file, and its services, volumes, networks, secrets and configs are added. A resource
/// defined twice is an error, as is a file that includes itself through any chain.
/// </summary>
internal static class IncludeResolver
{
    public const int MaxDepth = 16;

    private static readonly string[] Sections = ["services", "volumes", "networks", "secrets", "configs"];

    private sealed record IncludeEntry(ImmutableArray<YScalar> Paths, YScalar? ProjectDirectory, ImmutableArray<YScalar> EnvFiles);

    public static YMapping Apply(YMapping layer, ComposeFileLoader loader, VariableScope scope, ImmutableList<string> chain)
    {
        if (layer.FindEntry("include") is not { } include)
            return layer;
        var context = loader.Context;
        var result = layer.Without("include");
        var items = include.Value switch
        {
            YScalar { IsNull: true } => [],
            YSequence sequence => sequence.Items,
            _ => ImmutableArray<YNode>.Empty,
        };
        if (include.Value is not (YSequence or YScalar { IsNull: true }))
            context.Diagnostics.Error(include.Value, "include", $"expected a list of files to include, found {include.Value.Describe()}");

        for (var i = 0; i < items.Length; i++)
        {
            var path = KeyPaths.Item("include", i);
            if (ReadEntry(items[i], path, context) is not { } entry)
            {
                context.IncompleteProject = true;
                continue;
            }
            if (LoadEntry(entry, path, loader, scope, chain) is { } included)
                result = Import(result, included, context);
            else
                context.IncompleteProject = true;
        }
        return result;
    }

    private static YMapping? LoadEntry(IncludeEntry entry, string path, ComposeFileLoader loader, VariableScope scope, ImmutableList<string> chain)
    {
        var context = loader.Context;
        var files = new List<(string Full, YScalar Node)>();
        foreach (var node in entry.Paths)
        {
            if (context.ResolveReadablePath(node, path, node.Source.BaseDirectory, node.Value, "included file") is not { } full)
                return null;
            if (chain.Count > MaxDepth)
            {
                context.Diagnostics.Error(node, path, $"includes nest more than {MaxDepth} files deep");
                return null;
            }
            if (chain.Contains(full))
            {
                var cycle = string.Join(" -> ", chain.SkipWhile(f => f != full).Append(full).Select(f => context.SourceFor(f).DisplayPath));
                context.Diagnostics.Error(node, path, $"include cycle detected: {cycle}");
                return null;
            }
            files.Add((full, node));
        }
        if (files.Count == 0)
            return null;

        var projectDirectory = Path.GetDirectoryName(files[0].Full)!;
        if (entry.ProjectDirectory is { } directory)
        {
            if (context.ResolveReadablePath(directory, KeyPaths.Child(path, "project_directory"), directory.Source.BaseDirectory,
                    directory.Value, "project directory") is not { } full)
                return null;
            projectDirectory = full;
        }
        if (IncludedScope(entry, path, projectDirectory, scope, context) is not { } includedScope)
            return null;

        YMapping? merged = null;
        foreach (var (full, node) in files)
        {
            if (loader.LoadLayer(full, projectDirectory, includedScope, chain, node.Location, path) is not { } layer)
                return null;
            merged = merged is null ? layer : ComposeMerge.MergeProjects(merged, layer);
        }
        return merged;
    }

    /// <summary>The included project's variables: the including project's first, then its env files (default: its .env).</summary>
    private static VariableScope? IncludedScope(IncludeEntry entry, string path, string projectDirectory, VariableScope scope, ReadContext context)
    {
        if (entry.EnvFiles.IsEmpty)
        {
            var dotEnv = Path.Combine(projectDirectory, ".env");
            if (!File.Exists(dotEnv))
                return scope;
            if (!RepositoryPaths.IsInside(context.RootDirectory, dotEnv))
            {
                context.Diagnostics.Error(new SourceLocation(context.SourceFor(dotEnv).DisplayPath, 1, 1), path,
                    "this .env leads outside the repository (through a symbolic link); Skiff reads only files inside the repository");
                return null;
            }
            context.NoteFileRead(dotEnv);
            var values = EnvFile.Read(context.SourceFor(dotEnv), scope.Get, context.Diagnostics, null, "");
            return values is null ? scope : scope.Then(values);
        }

        var result = scope;
        foreach (var node in entry.EnvFiles)
        {
            var keyPath = KeyPaths.Child(path, "env_file");
            if (context.ResolveReadablePath(node, keyPath, node.Source.BaseDirectory, node.Value, "environment file") is not { } full)
                return null;
            if (!File.Exists(full))
            {
                context.Diagnostics.Error(node, keyPath, $"the environment file '{node.Value}' does not exist");
                return null;
            }
            context.NoteFileRead(full);
            if (EnvFile.Read(context.SourceFor(full), result.Get, context.Diagnostics, node.Location, keyPath) is { } values)
                result = result.Then(values);
        }
        return result;
    }

    private static IncludeEntry? ReadEntry(YNode item, string path, ReadContext context)
    {
        if (item is YScalar)
            return context.Read.RequiredString(item, path, "the path of a Compose file") is null ? null : new IncludeEntry([(YScalar)item], null, []);
        if (context.Read.Mapping(item, path, "a path or a mapping with 'path'") is not { } mapping)
            return null;

        var paths = ImmutableArray<YScalar>.Empty;
        var envFiles = ImmutableArray<YScalar>.Empty;
        YScalar? projectDirectory = null;
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "path":
                    paths = Scalars(entry.Value, keyPath, context);
                    break;
                case "project_directory":
                    if (context.Read.RequiredString(entry.Value, keyPath, "a folder path") is not null)
                        projectDirectory = (YScalar)entry.Value;
                    break;
                case "env_file":
                    envFiles = Scalars(entry.Value, keyPath, context);
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in include; expected path, project_directory or env_file");
                    return null;
            }
        }
        if (paths.IsEmpty)
        {
            context.Diagnostics.Error(mapping, path, "an include entry needs 'path', the Compose file(s) to include");
            return null;
        }
        return new IncludeEntry(paths, projectDirectory, envFiles);
    }

    private static ImmutableArray<YScalar> Scalars(YNode node, string path, ReadContext context)
    {
        var items = node is YSequence sequence ? sequence.Items : [node];
        var result = ImmutableArray.CreateBuilder<YScalar>();
        for (var i = 0; i < items.Length; i++)
        {
            if (context.Read.RequiredString(items[i], node is YSequence ? KeyPaths.Item(path, i) : path, "a path") is not null)
                result.Add((YScalar)items[i]);
        }
        return result.ToImmutable();
    }

    private static YMapping Import(YMapping into, YMapping included, ReadContext context)
    {
        foreach (var section in Sections)
        {
            if (included.FindEntry(section) is not { Value: YMapping incoming } sectionEntry || incoming.Entries.IsEmpty)
                continue;
            var existing = into[section] as YMapping;
            var entries = existing?.Entries.ToList() ?? [];
            var byName = new Dictionary<string, YEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
                byName.TryAdd(entry.Key.Value, entry);
            foreach (var entry in incoming.Entries)
            {
                if (!byName.TryAdd(entry.Key.Value, entry) && byName[entry.Key.Value] is var twin)
                {
                    context.Diagnostics.Error(entry.Key, KeyPaths.Child(section, entry.Key.Value),
                        $"{section}.{entry.Key.Value} is defined both here and in {twin.Key.Location}; an included file may not redefine a resource, so rename one of them");
                    continue;
                }
                entries.Add(entry);
            }
            var key = into.FindEntry(section)?.Key ?? sectionEntry.Key;
            var value = existing is null ? incoming with { Entries = [.. entries] } : existing with { Entries = [.. entries] };
            into = into.With(key, value);
        }
        return into;
    }
}
