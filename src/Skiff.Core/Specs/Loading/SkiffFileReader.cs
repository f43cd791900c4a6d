using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>What skiff.yaml says: where the Compose file is, the Skiff settings, and Compose keys merged over (or standing in for) the Compose file.</summary>
internal sealed record SkiffFile(SettingsLayer Settings, YMapping? ComposeLayer);

/// <summary>Reads skiff.yaml. Unknown keys are errors that list the known ones.</summary>
internal static class SkiffFileReader
{
    public static readonly ImmutableArray<string> ComposeKeys = ["services", "volumes", "secrets", "configs"];

    /// <summary>Every top-level key skiff.yaml accepts (besides <c>x-*</c> extension keys).</summary>
    public static readonly ImmutableArray<string> KnownKeys = ["compose", .. SettingsReader.Keys, .. ComposeKeys];

    /// <summary>The <c>compose:</c> path, read before interpolation (it is taken literally).</summary>
    public static YScalar? ComposeReference(YMapping root, NodeReader read)
    {
        if (root.FindEntry("compose") is not { } entry)
            return null;
        return read.RequiredString(entry.Value, "compose", "the path of the Compose file, relative to skiff.yaml") is null ? null : (YScalar)entry.Value;
    }

    public static SkiffFile Read(YMapping root, ReadContext context)
    {
        var settings = new SettingsLayer();
        var compose = new List<YEntry>();
        foreach (var entry in root.Entries)
        {
            var key = entry.Key.Value;
            if (key == "compose" || key.StartsWith("x-", StringComparison.Ordinal))
                continue;
            if (ComposeKeys.Contains(key))
            {
                compose.Add(entry);
                continue;
            }
            if (!SettingsReader.TryRead(entry, key, context, ref settings))
            {
                context.Diagnostics.Error(entry.Key, key,
                    $"unknown key '{key}' in skiff.yaml; expected one of: {string.Join(", ", KnownKeys)}{Suggestions.Hint(key, KnownKeys)}");
            }
        }
        var layer = compose.Count == 0 ? null : root with { Entries = [.. compose] };
        return new SkiffFile(settings, layer);
    }
}
