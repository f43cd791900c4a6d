using System.Text.RegularExpressions;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Compose service <c>volumes:</c> entries: the short syntax <c>[SOURCE:]TARGET[:MODE]</c> (a source
/// starting with '.', '/' or '~' is a bind mount, any other is a named volume, none is an anonymous
/// volume) and the long syntax with <c>type: volume|bind|tmpfs</c>. Bind sources become absolute;
/// whether they stay inside the repository is checked by the validator.
/// </summary>
internal static partial class MountParser
{
    internal readonly record struct ShortParts(string? Source, string Target, string? Mode);

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VolumeName();

    private static readonly HashSet<string> IgnoredModes =
        ["rw", "z", "Z", "nocopy", "consistent", "cached", "delegated", "shared", "rshared", "slave", "rslave", "private", "rprivate"];

    private static readonly HashSet<string> LongKeys = ["type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency"];

    /// <summary>Splits a short-syntax entry; null when it has too many parts.</summary>
    public static ShortParts? SplitShort(string spec)
    {
        // A Windows drive letter ("C:\data:/data") keeps its colon.
        var offset = RepositoryPaths.IsWindowsPath(spec) ? 2 : 0;
        var parts = spec[offset..].Split(':');
        if (offset > 0)
            parts[0] = spec[..offset] + parts[0];
        return parts.Length switch
        {
            1 => new ShortParts(null, parts[0], null),
            2 => new ShortParts(parts[0], parts[1], null),
            3 => new ShortParts(parts[0], parts[1], parts[2]),
            _ => null,
        };
    }

    public static MountSpec? Parse(YNode item, string path, ReadContext context) => item switch
    {
        YScalar { IsNull: false } scalar => ParseShort(scalar, path, context),
        YMapping mapping => ParseLong(mapping, path, context),
        _ => Fail(item, path, context, $"expected a volume such as \"data:/var/lib/data\" or \"./src:/app\", or a mapping with 'type', 'source' and 'target', found {item.Describe()}"),
    };

    private static MountSpec? ParseShort(YScalar scalar, string path, ReadContext context)
    {
        var spec = scalar.Value.Trim();
        if (SplitShort(spec) is not { } parts)
            return Fail(scalar, path, context, $"'{spec}' is not a volume; expected [SOURCE:]TARGET[:MODE] such as \"data:/var/lib/data\" or \"./src:/app:ro\"");
        if (parts.Source is { Length: 0 })
            return Fail(scalar, path, context, $"'{spec}' has an empty source (is a variable unset?); expected SOURCE:TARGET such as \"./src:/app\"");
        if (!CheckTarget(parts.Target, scalar, path, context))
            return null;

        var readOnly = false;
        foreach (var mode in (parts.Mode ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (mode is "ro" or "readonly")
                readOnly = true;
            else if (!IgnoredModes.Contains(mode))
                return Fail(scalar, path, context, $"unknown volume mode '{mode}'; expected ro or rw (optionally with z, Z, nocopy or a propagation mode)");
        }

        if (parts.Source is null)
            return new MountSpec(MountType.Volume, null, parts.Target, readOnly) { Location = scalar.Location };
        if (IsPathLike(parts.Source))
            return Bind(parts.Source, parts.Target, readOnly, scalar, path, context);
        return Named(parts.Source, parts.Target, readOnly, scalar, path, context);
    }

    private static MountSpec? ParseLong(YMapping mapping, string path, ReadContext context)
    {
        string? type = null, source = null, target = null;
        var readOnly = false;
        YNode? sourceNode = null;
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "type":
                    type = context.Read.String(entry.Value, keyPath, "volume, bind or tmpfs");
                    break;
                case "source":
                    source = context.Read.String(entry.Value, keyPath, "a volume name or a path");
                    sourceNode = entry.Value;
                    break;
                case "target":
                    target = context.Read.String(entry.Value, keyPath, "an absolute path in the container");
                    break;
                case "read_only":
                    readOnly = context.Read.Bool(entry.Value, keyPath) ?? false;
                    break;
                case "volume" when entry.Value is YMapping volume && volume.ContainsKey("subpath"):
                    context.Diagnostics.Error(volume.FindEntry("subpath")!.Key, KeyPaths.Child(keyPath, "subpath"),
                        "volume.subpath is not supported; mount the whole volume");
                    return null;
                case var known when LongKeys.Contains(known) || known.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath,
                        $"unknown key '{entry.Key.Value}' in a volume; expected type, source, target, read_only, bind, volume, tmpfs or consistency");
                    return null;
            }
        }

        if (target is null)
            return Fail(mapping, path, context, "a volume in the long syntax needs 'target', the absolute path in the container");
        if (!CheckTarget(target, mapping, path, context))
            return null;

        switch (type)
        {
            case "volume":
                return source is null or ""
                    ? new MountSpec(MountType.Volume, null, target, readOnly) { Location = mapping.Location }
                    : Named(source, target, readOnly, sourceNode ?? mapping, path, context);
            case "bind":
                return source is null or ""
                    ? Fail(mapping, path, context, "a bind mount needs 'source', a path inside the repository")
                    : Bind(source, target, readOnly, sourceNode ?? mapping, path, context);
            case "tmpfs":
                context.Diagnostics.Warn(mapping, path, $"tmpfs mounts are ignored; '{target}' stays part of the container's own file system");
                return null;
            case null:
                return Fail(mapping, path, context, "a volume in the long syntax needs 'type': volume, bind or tmpfs");
            default:
                return Fail(mapping, path, context, $"volume type '{type}' is not supported; expected volume, bind or tmpfs");
        }
    }

    private static bool IsPathLike(string source) =>
        source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~') || RepositoryPaths.IsWindowsPath(source);

    private static MountSpec? Bind(string source, string target, bool readOnly, YNode at, string path, ReadContext context)
    {
        if (RepositoryPaths.Resolve(at.Source.BaseDirectory, source) is not { } full)
            return Fail(at, path, context, $"cannot bind '{source}': {RepositoryPaths.ExplainUnusable(source)}");
        return new MountSpec(MountType.Bind, full, target, readOnly) { Location = at.Location };
    }

    private static MountSpec? Named(string source, string target, bool readOnly, YNode at, string path, ReadContext context)
    {
        if (!VolumeName().IsMatch(source))
            return Fail(at, path, context, $"'{source}' is not a volume name; use letters, digits, '_', '.' or '-', or start a path with './' for a bind mount");
        return new MountSpec(MountType.Volume, source, target, readOnly) { Location = at.Location };
    }

    private static bool CheckTarget(string target, YNode at, string path, ReadContext context)
    {
        if (target.StartsWith('/'))
            return true;
        context.Diagnostics.Error(at, path, target.Length == 0
            ? "the mount target is empty; expected an absolute path in the container such as /data"
            : $"the mount target '{target}' must be an absolute path in the container, such as /{target.TrimStart('.', '/')}");
        return false;
    }

    private static MountSpec? Fail(YNode at, string path, ReadContext context, string message)
    {
        context.Diagnostics.Error(at, path, message);
        return null;
    }
}
