using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// The Skiff keys shared by skiff.yaml and the Compose top-level <c>x-skiff</c>: public, seed,
/// resources, ttl, idle and profiles.
/// </summary>
internal static class SettingsReader
{
    public static readonly ImmutableArray<string> Keys = ["public", "seed", "resources", "ttl", "idle", "profiles"];

    /// <summary>The default seed command for SQL files; a literal shell string, never interpolated.</summary>
    public static readonly ImmutableArray<string> PsqlCommand =
        ["sh", "-c", "psql -v ON_ERROR_STOP=1 -U \"${POSTGRES_USER:-postgres}\" -d \"${POSTGRES_DB:-${POSTGRES_USER:-postgres}}\""];

    public static readonly ImmutableArray<string> ShellCommand = ["sh"];

    /// <summary>Reads an <c>x-skiff</c> block.</summary>
    public static SettingsLayer ReadExtension(YNode node, string path, ReadContext context)
    {
        var layer = new SettingsLayer();
        if (context.Read.Mapping(node, path, "a mapping of Skiff settings (public, seed, resources, ttl, idle, profiles)") is not { } mapping)
            return layer;
        foreach (var entry in mapping.Entries)
        {
            if (!TryRead(entry, KeyPaths.Child(path, entry.Key.Value), context, ref layer))
            {
                context.Diagnostics.Error(entry.Key, KeyPaths.Child(path, entry.Key.Value),
                    $"unknown key '{entry.Key.Value}' in x-skiff; expected one of: {string.Join(", ", Keys)}{Suggestions.Hint(entry.Key.Value, Keys)}");
            }
        }
        return layer;
    }

    /// <summary>Reads <paramref name="entry"/> into <paramref name="layer"/> when it is a settings key; false otherwise.</summary>
    public static bool TryRead(YEntry entry, string path, ReadContext context, ref SettingsLayer layer)
    {
        var value = entry.Value;
        var read = context.Read;
        switch (entry.Key.Value)
        {
            case "public":
                if (read.RequiredString(value, path, "the name of the service that answers at the environment's URL") is { } name)
                    layer = layer with { PublicService = name, PublicLocation = value.Location };
                return true;
            case "seed":
                layer = layer with { Seed = ReadSeed(value, path, context) };
                return true;
            case "resources":
                layer = layer with { Resources = ResourcesReader.Read(value, path, context) };
                return true;
            case "ttl":
                layer = layer with { Ttl = ReadLifetime(value, path, read) };
                return true;
            case "idle":
                layer = layer with { Idle = ReadLifetime(value, path, read) };
                return true;
            case "profiles":
                layer = layer with { Profiles = read.StringOrList(value, path, "a list of profile names") };
                return true;
            default:
                return false;
        }
    }

    private static Lifetime? ReadLifetime(YNode node, string path, NodeReader read)
    {
        if (node is YScalar { IsNull: false, Value: var text } && text.Trim().Equals("never", StringComparison.OrdinalIgnoreCase))
            return Lifetime.Never;
        if (read.String(node, path, "a duration such as 3d or 12h, or never") is null)
            return null;
        if (read.Duration(node, path) is not { } duration)
            return null;
        if (duration <= TimeSpan.Zero)
        {
            read.Diagnostics.Error(node, path, "expected a positive duration such as 3d or 12h, or never");
            return null;
        }
        return new Lifetime(duration);
    }

    private static SeedSpec? ReadSeed(YNode node, string path, ReadContext context)
    {
        if (context.Read.Mapping(node, path, "a mapping with 'service' and 'file'") is not { } mapping)
            return null;
        string? service = null, file = null;
        YNode? fileNode = null;
        ImmutableArray<string>? command = null;
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            switch (entry.Key.Value)
            {
                case "service":
                    service = context.Read.RequiredString(entry.Value, keyPath, "the name of the database service");
                    break;
                case "file":
                    file = context.Read.RequiredString(entry.Value, keyPath, "the path of a .sql or shell file in the repository");
                    fileNode = entry.Value;
                    break;
                case "command":
                    command = CommandReader.Read(entry.Value, keyPath, context);
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in seed; expected service, file or command");
                    break;
            }
        }
        if (service is null && !mapping.ContainsKey("service"))
            context.Diagnostics.Error(mapping, path, "seed needs 'service', the service that receives the seed data");
        if (file is null && !mapping.ContainsKey("file"))
            context.Diagnostics.Error(mapping, path, "seed needs 'file', the path of the seed file");
        if (service is null || file is null || fileNode is null)
            return null;

        if (RepositoryPaths.Resolve(fileNode.Source.BaseDirectory, file) is not { } full)
        {
            context.Diagnostics.Error(fileNode, KeyPaths.Child(path, "file"), $"cannot use the seed file: {RepositoryPaths.ExplainUnusable(file)}");
            return null;
        }
        var defaultCommand = full.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? PsqlCommand : ShellCommand;
        return new SeedSpec
        {
            Service = service,
            File = full,
            Command = command is { Length: > 0 } given ? given : defaultCommand,
            Location = mapping.Location,
            FileLocation = fileNode.Location,
        };
    }
}
