using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's <c>build:</c>, as a context path or <c>{context, dockerfile, args, target}</c>. The
/// context is made absolute against the declaring file; remote contexts are refused because
/// building them needs network access.
/// </summary>
internal static class BuildReader
{
    private static readonly Dictionary<string, string> Ignored = new()
    {
        ["labels"] = "image labels are not used",
        ["cache_from"] = "the engine's local build cache is used",
        ["cache_to"] = "the engine's local build cache is used",
        ["no_cache"] = "unchanged contexts are never rebuilt, changed ones always are",
        ["pull"] = "base images come from the engine's local store",
        ["shm_size"] = "the engine default is used",
        ["extra_hosts"] = "builds use the engine's name resolution",
        ["isolation"] = "the engine default is used",
        ["platforms"] = "images are built for the host's platform",
        ["tags"] = "Skiff tags images by content hash",
        ["ulimits"] = "the engine default is used",
        ["provenance"] = "attestations are not produced",
        ["sbom"] = "attestations are not produced",
    };

    private static readonly Dictionary<string, string> Refused = new()
    {
        ["dockerfile_inline"] = "put the Dockerfile in the repository and name it with build.dockerfile",
        ["secrets"] = "build secrets would expose host files to the build",
        ["ssh"] = "forwarding the host's SSH agent would break isolation",
        ["additional_contexts"] = "keep everything the build needs inside its context",
        ["privileged"] = "privileged builds would break isolation",
        ["entitlements"] = "extra build privileges would break isolation",
    };

    public static BuildSpec? Read(YNode node, string path, ReadContext context)
    {
        switch (node)
        {
            case YScalar { IsNull: false } scalar:
                return FromContext(scalar, scalar.Value, path, context) is { } full
                    ? new BuildSpec { Context = full, Location = node.Location }
                    : null;
            case YMapping mapping:
                return ReadMapping(mapping, path, context);
            default:
                context.Diagnostics.Error(node, path, $"expected a build context path or a mapping with 'context', found {node.Describe()}");
                return null;
        }
    }

    private static BuildSpec? ReadMapping(YMapping mapping, string path, ReadContext context)
    {
        var contextPath = ".";
        YNode contextNode = mapping;
        string? dockerfile = null, target = null;
        var args = ImmutableSortedDictionary<string, string>.Empty;
        var ok = true;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            var keyPath = KeyPaths.Child(path, key);
            switch (key)
            {
                case "context":
                    contextPath = context.Read.RequiredString(entry.Value, keyPath, "a folder path") ?? contextPath;
                    contextNode = entry.Value;
                    break;
                case "dockerfile":
                    dockerfile = context.Read.RequiredString(entry.Value, keyPath, "a Dockerfile path");
                    break;
                case "target":
                    target = context.Read.String(entry.Value, keyPath, "a build stage name");
                    break;
                case "args":
                    args = ReadArgs(entry.Value, keyPath, context);
                    break;
                case "network" when entry.Value is YScalar { Value: "host" }:
                    context.Diagnostics.Error(entry.Key, keyPath, "build.network: host is not supported: builds must not reach the host's network");
                    ok = false;
                    break;
                case "network":
                    context.Diagnostics.Warn(entry.Key, keyPath, "'build.network' is ignored: builds use the engine's default network");
                    break;
                case var refused when Refused.TryGetValue(refused, out var why):
                    if (refused != "privileged" || context.Read.Bool(entry.Value, keyPath) == true)
                    {
                        context.Diagnostics.Error(entry.Key, keyPath, $"'build.{refused}' is not supported: {why}");
                        ok = false;
                    }
                    break;
                case var ignored when Ignored.TryGetValue(ignored, out var reason):
                    context.Diagnostics.Warn(entry.Key, keyPath, $"'build.{ignored}' is ignored: {reason}");
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{key}' in build; expected context, dockerfile, args or target");
                    ok = false;
                    break;
            }
        }

        if (FromContext(contextNode, contextPath, KeyPaths.Child(path, "context"), context) is not { } full || !ok)
            return null;
        return new BuildSpec
        {
            Context = full,
            Dockerfile = NormalizeDockerfile(full, dockerfile),
            Args = args,
            Target = string.IsNullOrEmpty(target) ? null : target,
            Location = mapping.Location,
        };
    }

    private static string? FromContext(YNode at, string contextPath, string path, ReadContext context)
    {
        if (RepositoryPaths.IsRemote(contextPath))
        {
            context.Diagnostics.Error(at, path,
                $"remote build context '{contextPath}' is refused: remote contexts need network access and are not supported; put the sources in the repository and use a local path");
            return null;
        }
        if (RepositoryPaths.Resolve(at.Source.BaseDirectory, contextPath) is { } full)
            return full;
        context.Diagnostics.Error(at, path, $"cannot use the build context: {RepositoryPaths.ExplainUnusable(contextPath)}");
        return null;
    }

    /// <summary>The Dockerfile relative to the context, with '/' separators.</summary>
    private static string NormalizeDockerfile(string contextPath, string? dockerfile)
    {
        if (string.IsNullOrEmpty(dockerfile))
            return "Dockerfile";
        var relative = Path.IsPathRooted(dockerfile) ? Path.GetRelativePath(contextPath, dockerfile) : dockerfile;
        return relative.Replace('\\', '/');
    }

    private static ImmutableSortedDictionary<string, string> ReadArgs(YNode node, string path, ReadContext context)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (context.Read.MappingOrNull(ComposeMerge.PairsAsMapping(node), path, "a mapping or a list of NAME=VALUE") is not { } args)
            return result.ToImmutable();
        foreach (var entry in args.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            if (entry.Key.Value.Length == 0)
            {
                context.Diagnostics.Error(entry.Key, keyPath, "a build argument needs a name before '='");
                continue;
            }
            if (entry.Value is YScalar { IsNull: true })
            {
                if (context.Variables.Get(entry.Key.Value) is { } inherited)
                    result[entry.Key.Value] = inherited;
                continue;
            }
            if (context.Read.String(entry.Value, keyPath, "a string, number or boolean") is { } value)
                result[entry.Key.Value] = value;
        }
        return result.Count == 0 ? ImmutableSortedDictionary<string, string>.Empty : result.ToImmutable();
    }
}
